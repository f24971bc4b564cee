// Monaco 0.57 ships its SQL grammar without typings.
declare module 'monaco-editor/languages/definitions/sql/sql' {
  import type { languages } from 'monaco-editor/editor';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage & { keywords: string[]; builtinFunctions: string[] };
}
