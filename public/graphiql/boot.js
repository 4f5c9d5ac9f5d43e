/* unicom-kg: starts the GraphiQL that this server serves from node_modules (@graphql-yoga/render-graphiql).
   Loaded before the GraphiQL bundle: Monaco reads MonacoEnvironment when the bundle runs. Its editor workers
   come from this server too (same origin, no blob URLs, no CDN). The options are a JSON data block in the page,
   so the page needs no inline script. */
'use strict';
(() => {
  const me = document.currentScript;
  const base = me.dataset.assets;
  const WORKERS = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => base + (WORKERS[label] || WORKERS.editorWorkerService),
  };
  window.addEventListener('DOMContentLoaded', () => {
    const root = document.getElementById('root');
    const opts = JSON.parse(document.getElementById('graphiql-options').textContent);
    if (typeof YogaGraphiQL === 'undefined') {
      root.textContent = 'GraphiQL could not load its script from this server; reload, or see the server log.';
      return;
    }
    root.textContent = '';
    YogaGraphiQL.renderYogaGraphiQL(root, opts);
  });
})();
