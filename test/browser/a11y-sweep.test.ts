import { sweepRoles } from './sweep.js';

// The accessibility sweep for the public and the groups' people; the staff's in a11y-sweep-staff.test.ts.
sweepRoles(['public visitor', 'member', 'organiser (chair of a group)'], { selfCheck: true });
