import { useEffect, useRef } from 'react';
import { selectLogs, useSessionStore } from '../state/session-store';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Host and renderer messages, newest last; follows the end unless the user scrolled up. */
export function LogPanel() {
  const logs = useSessionStore(selectLogs);
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [logs]);
  return (
    <div
      className="log"
      ref={ref}
      data-testid="log-panel"
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - 4;
      }}
    >
      {logs.length === 0 && <div className="pane-message">No messages yet.</div>}
      {logs.map((entry) => (
        <div key={entry.id} className={`log__line log__line--${entry.level}`}>
          <span className="log__time">{timeFormat.format(new Date(entry.time))}</span>
          <span className="log__level">{entry.level}</span>
          <span className="log__message">{entry.message}</span>
        </div>
      ))}
    </div>
  );
}
