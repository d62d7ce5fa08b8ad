import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';
import { useProblem } from '../i18n/useProblem.ts';
import { downloadBytes } from '../lib/download.ts';
import { setCallData, useCall } from '../lib/queries.ts';
import './identity.css';

/**
 * This workstation's identity: the name others see beside a signature, and the fingerprint they compare (read aloud,
 * printed on the result sheet). The person can rename it, protect the key with a passphrase, unlock it for this
 * session and keep a backup.
 */
export function IdentityButton(): ReactElement {
  const { t } = useTranslation();
  const { data } = useCall('identity.show', {});
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="identity-button" data-testid="identity-button" onClick={() => setOpen(true)}
        title={data ? t('identity.buttonTitle', { fingerprint: data.fingerprint }) : undefined}>
        <KeyIcon locked={data?.locked ?? false} />
        <span className="identity-name">{data?.name ?? t('identity.title')}</span>
      </button>
      {open ? <IdentityDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** A key, or a padlock when the key waits for its passphrase (no emoji: not every system has the font). */
function KeyIcon({ locked }: { locked: boolean }): ReactElement {
  return (
    <svg className="identity-key" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
      {locked
        ? (<><rect x="3" y="7" width="10" height="7" rx="1.5" /><path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" /></>)
        : (<><circle cx="5" cy="8" r="3" /><path d="M8 8h7M12.5 8v2.5M14.5 8v2" /></>)}
    </svg>
  );
}

function IdentityDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const { data } = useCall('identity.show', {});
  const [name, setName] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useProblem();

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const act = async (what: string, run: () => Promise<Parameters<typeof setCallData<'identity.show'>>[2]>) => {
    setProblem(null);
    setSaved(null);
    try {
      setCallData('identity.show', {}, await run());
      setSaved(what);
    } catch (err) {
      setProblem({ err });
    }
  };

  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (name === null) return;
    void act('renamed', () => call('identity.rename', { name })).then(() => setName(null));
  };

  const protect = (e: FormEvent) => {
    e.preventDefault();
    const run = data?.locked ? () => call('identity.unlock', { passphrase }) : () => call('identity.setPassphrase', { passphrase });
    void act(data?.locked ? 'unlocked' : passphrase ? 'protected' : 'unprotected', run).then(() => setPassphrase(''));
  };

  const backup = async () => {
    setProblem(null);
    try {
      const b = await call('identity.backup', {});
      downloadBytes(b.name, b.bytes, 'application/json');
      setSaved('backedUp');
    } catch (err) {
      setProblem({ err });
    }
  };

  return (
    <dialog ref={dialog} className="identity-dialog" aria-labelledby="identity-title" onClose={onClose} data-testid="identity-dialog">
      <header className="identity-head">
        <h2 id="identity-title">{t('identity.title')}</h2>
        <button type="button" className="btn quiet small" aria-label={t('identity.close')} onClick={() => dialog.current?.close()}>×</button>
      </header>
      <div className="identity-body">
        <p className="identity-what">{t('identity.what')}</p>
        {data ? (
          <>
            <dl className="identity-facts">
              <dt>{t('identity.fingerprint')}</dt>
              <dd className="identity-fingerprint" data-testid="identity-fingerprint">{data.fingerprint}</dd>
              <dt>{t('identity.created')}</dt>
              <dd>{new Date(data.createdAt).toLocaleDateString(t('identity.locale'), { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })}</dd>
              <dt>{t('identity.keyState')}</dt>
              <dd>{data.locked ? t('identity.locked') : data.protected ? t('identity.protected') : t('identity.unprotected')}</dd>
            </dl>
            <form className="identity-row" onSubmit={rename}>
              <label htmlFor="identity-name">{t('identity.name')}</label>
              <input id="identity-name" value={name ?? data.name} onChange={(e) => setName(e.target.value)} maxLength={80} />
              <button type="submit" className="btn" disabled={name === null || name.trim() === data.name}>{t('identity.rename')}</button>
            </form>
            <form className="identity-row" onSubmit={protect}>
              <label htmlFor="identity-pass">{data.locked ? t('identity.unlockLabel') : t('identity.passphraseLabel')}</label>
              <input id="identity-pass" type="password" autoComplete={data.locked ? 'current-password' : 'new-password'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              <button type="submit" className="btn" disabled={data.locked && passphrase === ''}>
                {data.locked ? t('identity.unlock') : passphrase ? t('identity.setPassphrase') : data.protected ? t('identity.removePassphrase') : t('identity.setPassphrase')}
              </button>
            </form>
            <p className="identity-hint">{t('identity.passphraseHint')}</p>
            <div className="identity-row">
              <button type="button" className="btn" onClick={() => void backup()}>{t('identity.backup')}</button>
              <span className="identity-hint">{data.protected ? t('identity.backupProtected') : t('identity.backupPlain')}</span>
            </div>
          </>
        ) : null}
        <p className="identity-status" role="status">{saved ? t(`identity.done.${saved}`) : ''}</p>
        {problem ? <p className="identity-problem" role="alert">{problem}</p> : null}
      </div>
    </dialog>
  );
}
