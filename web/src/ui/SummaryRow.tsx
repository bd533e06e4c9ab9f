import type { ReactNode } from 'react';

/** One row of a summary list (`<dl className="summary-list">`): a label and its value. */
export function SummaryRow({ label, children }: { label: ReactNode; children?: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
