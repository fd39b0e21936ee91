import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { initialiseLanguage } from './lib/i18n.svelte';
import { startRouter } from './lib/router.svelte';

initialiseLanguage();
startRouter();
mount(App, { target: document.getElementById('app')! });
