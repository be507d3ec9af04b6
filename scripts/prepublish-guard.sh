#!/usr/bin/env bash
# prepublishOnly: n8n verifies community packages by their npm provenance, which only a publish
# from the GitHub workflow carries. A bare `npm publish` from a laptop is refused here; the
# workflow's publish builds and lints once more, so the tarball holds exactly this commit's code.
set -euo pipefail
if [ "${GITHUB_ACTIONS:-}" != "true" ] || [ "${npm_config_provenance:-}" != "true" ]; then
  echo "prepublishOnly: refused. Publish by pushing a version tag (git tag v\$VERSION && git push --tags):" >&2
  echo "  .github/workflows/publish.yml publishes with npm provenance, which n8n's verification requires." >&2
  exit 1
fi
npm run build
npm run lint
