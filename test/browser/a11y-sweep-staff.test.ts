import { sweepRoles } from './sweep.js';

// The accessibility sweep for the secretariat and the admins (see sweep.ts).
sweepRoles(['secretariat', 'admin']);
