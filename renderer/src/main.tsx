import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Tokens and base styles first; each area's stylesheet comes with its component.
import './app/app.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
