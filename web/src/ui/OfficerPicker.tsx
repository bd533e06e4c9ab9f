/** Officers to choose by checkbox (a meeting's invitees, an inspection team), the signed-in officer left out. */
import { useSession } from '../app/session';
import { Checkbox } from './Fields';

export function OfficerPicker(p: { idPrefix: string; legend: string; hint: string; officers: ReadonlyArray<{ accountId: string; name: string }> | undefined; chosen: ReadonlySet<string>; onChange: (next: Set<string>) => void }) {
  const { session } = useSession();
  return (
    <fieldset className="form-group">
      <legend>{p.legend}</legend>
      <p className="hint">{p.hint}</p>
      {p.officers
        ?.filter((o) => o.accountId !== session?.accountId)
        .map((o) => (
          <Checkbox
            key={o.accountId}
            id={`${p.idPrefix}-${o.accountId.slice(0, 8)}`}
            label={o.name}
            checked={p.chosen.has(o.accountId)}
            onChange={(v) => {
              const next = new Set(p.chosen);
              if (v) next.add(o.accountId);
              else next.delete(o.accountId);
              p.onChange(next);
            }}
          />
        ))}
    </fieldset>
  );
}
