/** The project's one problem shape, so reporters print workflow findings like ecosystem.json findings. */
export type { Problem } from '@ecosystem-dispatcher/core';
