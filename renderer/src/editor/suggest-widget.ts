/**
 * Monaco 0.57's features/suggest/register brings only the inline-completion
 * glue; the suggest widget itself is this controller. Imported before
 * ./monaco applies the theme: the widget registers its colors on load, and
 * colors registered after a theme is applied get no CSS variables (the list
 * was drawn without a background).
 */
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
