import type { Criterion } from '../../../shared/campaign/model.ts';
import type { MyAnswer } from '../../../shared/contract/scoring.ts';
import { useWords } from './messages.ts';

/**
 * Beside the expert's grid: the focused criterion's band descriptors (its name, range and step, each band, the band
 * the focused cell's score falls in marked), or the rubric's summary when the focus is on no criterion.
 */
export function BandPanel({ criteria, criterionId, answer }: { criteria: readonly Criterion[]; criterionId: string | null; answer: MyAnswer | undefined }) {
  const { w, en, fill } = useWords();
  const nameOf = (c: Criterion) => (en && c.nameEn ? c.nameEn : c.name);
  const c = criteria.find((x) => x.id === criterionId);
  if (!c) {
    return (
      <aside className="panel band-panel" aria-live="polite" data-testid="band-panel" data-criterion="">
        <h2>{w.rubric}</h2>
        <p className="muted">{w.rubricHint}</p>
        <ul className="band-rubric">
          {criteria.map((x) => (
            <li key={x.id}><strong>{nameOf(x)}</strong> {fill(w.rubricLine, { min: x.min, max: x.max, weight: x.weight })}</li>
          ))}
        </ul>
      </aside>
    );
  }
  const value = answer?.scores[c.id];
  const score = typeof value === 'number' ? value : null;
  const current = score === null ? -1 : c.bands.findIndex((b) => score >= b.min && score <= b.max);
  const labelOf = (i: number) => {
    const b = c.bands[i]!;
    return en && b.labelEn ? b.labelEn : b.label;
  };
  return (
    <aside className="panel band-panel" aria-live="polite" data-testid="band-panel" data-criterion={c.id}>
      <h2>{nameOf(c)}</h2>
      <p className="muted">{fill(w.bandRange, { min: c.min, max: c.max, step: c.step, weight: c.weight })}</p>
      {c.description ? <p>{c.description}</p> : null}
      {c.bands.length ? (
        <ol className="band-list">
          {c.bands.map((b, i) => (
            <li key={i} className={i === current ? 'band-current' : undefined} aria-current={i === current ? 'true' : undefined} data-testid="band">
              <span className="band-range">{b.min}–{b.max}</span> <span>{labelOf(i)}</span>
            </li>
          ))}
        </ol>
      ) : <p className="muted">{w.bandNone}</p>}
      <p data-testid="band-cell">
        {answer?.recused ? w.cellRecused : score === null ? w.cellEmpty : (
          current >= 0 ? fill(w.cellBand, { value: score, band: labelOf(current) }) : fill(w.cellScore, { value: score })
        )}
      </p>
    </aside>
  );
}
