import './jitless.ts';
import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// index.html says "Connecting…" until the script runs; the app says it from here on.
target.replaceChildren();
mount(App, { target });
