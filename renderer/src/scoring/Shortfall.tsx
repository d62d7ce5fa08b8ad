import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SheetFileOut } from '../../../shared/contract/scoring.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { useCall } from '../lib/queries.ts';
import { useWords } from './messages.ts';

/**
 * 缺评: nominations a recusal (or a late conflict) left short of K reviewers, each with why in words and a choice of
 * the experts who may step in (least loaded first); a supplementary sheet for the one chosen, with only that nomination.
 */
export function Shortfall({ campaignId, onIssued }: { campaignId: string; onIssued: (file: SheetFileOut, who: string) => void }) {
  const { t } = useTranslation();
  const { w, en, fill } = useWords();
  const { data, reload } = useCall('scoring.shortItems', { campaignId });
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ id: string; text: string } | null>(null);
  if (!data) return null;

  async function issue(itemId: string, expertId: string) {
    setBusy(itemId);
    setProblem(null);
    try {
      const { file } = await call('scoring.supplement', { campaignId, expertId, itemIds: [itemId] });
      const item = data!.items.find((i) => i.id === itemId);
      const e = item?.eligible.find((x) => x.expertId === expertId);
      onIssued(file, e ? `${e.code} ${e.name}` : file.code);
    } catch (err) {
      setProblem({ id: itemId, text: describeError(err, t) });
    } finally {
      setBusy(null);
      void reload();
    }
  }

  return (
    <section className="panel" data-testid="short-items" aria-labelledby="short-title">
      <h2 id="short-title">{w.shortTitle}</h2>
      {data.items.length === 0 ? <p className="muted">{w.shortNone}</p> : (
        <>
          <p className="page-sub">{fill(w.shortIntro, { k: data.perItem })}</p>
          <ul className="short-list">
            {data.items.map((item) => {
              const chosen = picked[item.id] ?? item.eligible[0]?.expertId ?? '';
              return (
                <li key={item.id} data-testid="short-item">
                  <strong>{item.label}</strong> · <span className="status status-attention">{en ? item.summaryEn : item.summary}</span>
                  <div>{w.shortWhy}：{item.reasons.map((r) => (en ? r.messageEn : r.message)).join(en ? '; ' : '；')}</div>
                  {item.eligible.length === 0 ? <p className="field-error">{w.noneEligible}</p> : (
                    <div>
                      <label>
                        {w.pickExpert}{' '}
                        <select value={chosen} onChange={(e) => setPicked({ ...picked, [item.id]: e.target.value })} data-testid="supplement-expert">
                          {item.eligible.map((x) => <option key={x.expertId} value={x.expertId}>{fill(w.expertOption, { code: x.code, name: x.name, load: x.load })}</option>)}
                        </select>
                      </label>{' '}
                      <button type="button" className="btn" disabled={busy !== null || !chosen} onClick={() => void issue(item.id, chosen)} data-testid="issue-supplement">{w.issue}</button>
                    </div>
                  )}
                  {problem?.id === item.id ? <p className="field-error" role="alert">{problem.text}</p> : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {data.supplements.length > 0 ? (
        <>
          <h3>{w.supplements}</h3>
          <ul data-testid="supplements">
            {data.supplements.map((s) => (
              <li key={s.sheetId}>{s.code} · {s.name}{en ? ': ' : '：'}{s.items.map((i) => `“${i.label}”`).join(en ? ', ' : '、')} · {s.returned ? w.supplementReturned : w.supplementAwaiting}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
