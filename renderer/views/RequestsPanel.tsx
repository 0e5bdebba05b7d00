/**
 * Questions from the networks (a subscription, a room invite, a device verification), above
 * the buddy list while any are open: each with its detail and one button per choice.
 */
import { useState } from 'react';
import type { RequestView } from '../../electron/bridge/schemas.js';
import { errorMessage } from '../state/actions.js';
import { useActions, useAppStore } from './AppContext.js';
import { useT } from '../i18n/index.js';

export function RequestsPanel() {
  const requests = useAppStore('requests', (state) => state.list);
  const t = useT();
  const accounts = useAppStore('accounts', (state) => state.list);
  if (requests.length === 0) return null;
  return (
    <section className="panel requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="requests-heading">{t('requests.title')}</h2>
      <ul aria-label={t('requests.list')} className="request-list">
        {requests.map((request) => (
          <RequestItem key={`${request.accountId}\u0000${request.id}`} request={request}
            accountLabel={accounts.find((account) => account.id === request.accountId)?.label ?? request.accountId} />
        ))}
      </ul>
    </section>
  );
}

function RequestItem({ request, accountLabel }: { readonly request: RequestView; readonly accountLabel: string }) {
  const actions = useActions();
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `request-${request.accountId}-${request.id}`.replace(/[^\w-]/g, '_');

  const answer = (choiceId: string): void => {
    setBusy(true);
    setError(null);
    actions.answerRequest(request, choiceId).catch((caught: unknown) => {
      setError(errorMessage(caught));
      setBusy(false);
    });
  };

  return (
    <li className={`request kind-${request.kind}`} aria-labelledby={titleId}>
      <p id={titleId} className="request-title">{request.title}</p>
      <p className="request-account">{accountLabel}</p>
      {request.detail !== undefined && request.detail !== '' ? (
        // Verification emoji are compared by eye with the other device: large, and read out as text.
        <p className={request.kind === 'verification' ? 'request-detail verification' : 'request-detail'}>{request.detail}</p>
      ) : null}
      <div className="request-choices" role="group" aria-label={t('requests.answer', { title: request.title })}>
        {request.choices.map((choice, index) => (
          <button key={choice.id} type="button" className={index === 0 ? 'primary small-button' : 'small-button'} disabled={busy}
            onClick={() => answer(choice.id)}>
            {choice.label}
          </button>
        ))}
      </div>
      {error !== null ? <p role="alert" className="form-error">{error}</p> : null}
    </li>
  );
}
