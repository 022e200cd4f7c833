import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/createClient.ts';
import { App } from './components/App.tsx';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('renderer main: no #root element in index.html');

const { api, imageSource } = createClient();
createRoot(container).render(
  <StrictMode>
    <App client={api} imageSource={imageSource} />
  </StrictMode>,
);
