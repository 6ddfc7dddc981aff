// The address is repaired before any other module runs (tfjs-core reads it as it loads); a
// dynamic import is the one way to be sure of that order once the bundler splits chunks.
import './repairAddress';
import { startEarly } from './engine/earlyStart';

// the app's scripts download while WebGL is looked at (and the wasm backend asked for where it
// will run): a look at WebGL can take a few hundred ms on a software renderer
const app = import('./main');
const early = startEarly(window.location.search);
void app.then(({ start }) => start(early));
