// The address is repaired before any other module runs (tfjs-core reads it as it loads); a
// dynamic import is the one way to be sure of that order once the bundler splits chunks.
import './repairAddress';

void import('./main');
