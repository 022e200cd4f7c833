import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/createClient.ts';
import { App } from './components/App.tsx';
import { applyStoredReadingSettings, connectReadingSettings } from './hooks/useReadingSettings.ts';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('renderer main: no #root element in index.html');

// The reader's theme, text size and width go on <html> before React renders, so its first render has them.
applyStoredReadingSettings();
const { api, imageSource } = createClient();
// Then the library's settings (settings.json, shared with the host and the CLI) take over.
connectReadingSettings(api);
createRoot(container).render(
  <StrictMode>
    <App client={api} imageSource={imageSource} />
  </StrictMode>,
);
