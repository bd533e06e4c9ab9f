import type { ReactNode } from 'react';

/** Text with the matched ranges in <mark>, built from offsets rather than from server HTML. */
export function Highlighted({ text, ranges }: { text: string; ranges?: { start: number; end: number }[] }) {
  if (!ranges?.length) return <>{text}</>;
  const out: ReactNode[] = [];
  let at = 0;
  [...ranges]
    .sort((a, b) => a.start - b.start)
    .forEach((r, i) => {
      const start = Math.max(r.start, at);
      const end = Math.min(r.end, text.length);
      if (end <= start) return;
      if (start > at) out.push(text.slice(at, start));
      out.push(<mark key={i}>{text.slice(start, end)}</mark>);
      at = end;
    });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
