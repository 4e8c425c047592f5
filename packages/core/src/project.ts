/** The project's own GitHub repository: reusable workflows are referenced from here. */
export const PROJECT_REPO = 'ecosystem-dispatcher/ecosystem-dispatcher';
