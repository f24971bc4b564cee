import { useCallback, type PointerEvent } from 'react';

/** A drag handle between two panels; reports how far the pointer moved since the drag began. */
export function Splitter({ direction, onResize, start }: { direction: 'horizontal' | 'vertical'; start: () => number; onResize: (size: number) => void }) {
  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      event.preventDefault();
      const handle = event.currentTarget;
      handle.setPointerCapture(event.pointerId);
      const origin = direction === 'vertical' ? event.clientX : event.clientY;
      const initial = start();
      const move = (e: globalThis.PointerEvent) => onResize(initial - ((direction === 'vertical' ? e.clientX : e.clientY) - origin));
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        handle.removeEventListener('pointercancel', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
      handle.addEventListener('pointercancel', up);
    },
    [direction, onResize, start],
  );
  return <div className={`splitter splitter--${direction}`} role="separator" aria-orientation={direction} onPointerDown={onPointerDown} />;
}
