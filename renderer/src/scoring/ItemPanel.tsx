import type { PacketItem } from '../../../shared/scoring/slice.ts';
import { useWords } from './messages.ts';

/** Under the expert's grid: what the score sheet says of the focused nomination (its reviewer fields, non-empty ones). */
export function ItemPanel({ item }: { item: PacketItem | undefined }) {
  const { w, en } = useWords();
  return (
    <section className="panel item-panel" aria-live="polite" data-testid="item-panel">
      <h2>{item ? item.label : w.itemTitle}</h2>
      {item ? (
        <dl className="item-fields">
          {item.fields.filter((f) => f.value.trim() !== '').map((f) => (
            <div key={f.name}>
              <dt>{en && f.nameEn ? f.nameEn : f.name}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : <p className="muted">{w.itemHint}</p>}
    </section>
  );
}
