import { restoreDraft } from '../actions/project-actions';
import { discardDraft, selectOffers, useHotExitStore } from './hot-exit';

/** "Restore unsaved changes …?" for each draft left by an earlier session (a crash, a kill, a closed window). */
export function RestoreBanner() {
  const offers = useHotExitStore(selectOffers);
  const offer = offers[0];
  if (!offer) return null;
  const when = new Date(offer.savedAt).toLocaleString();
  return (
    <div className="restore-banner" role="alert" data-testid="restore-banner" data-path={offer.path}>
      <span className="restore-banner__text">
        Restore unsaved changes to <strong>{offer.path}</strong> from {when}?{!offer.fileExists && ' (the file is not on disk)'}
        {offers.length > 1 && <span className="restore-banner__more"> {offers.length - 1} more after this one.</span>}
      </span>
      <button type="button" className="button button--primary" data-testid="restore-draft" onClick={() => void restoreDraft(offer)}>
        Restore
      </button>
      <button type="button" className="button" data-testid="discard-draft" onClick={() => void discardDraft(offer.path)}>
        Discard
      </button>
    </div>
  );
}
