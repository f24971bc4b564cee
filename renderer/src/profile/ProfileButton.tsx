import { openProfile } from './profile-commands';

/** The side panel header's "Profile" action for the selected node. */
export function ProfileButton({ node }: { node: string }) {
  return (
    <button type="button" className="button" data-testid="profile-button" title="Profile this node's columns (Profile tab)" onClick={() => openProfile(node)}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path d="M1 11h10M2.5 10V6M5 10V2.5M7.5 10V5M10 10V7.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
      </svg>
      Profile
    </button>
  );
}

