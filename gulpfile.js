// Copies the SVG icons next to the compiled credentials and nodes, where n8n looks for `file:` icons.
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist')),
);
