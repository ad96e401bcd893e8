/**
 * The page at `/` until the React app arrives: lists the installed modules from GET /api/modules, so a
 * first start shows something real. Static text (no values interpolated server-side); the script
 * builds the list with textContent, never innerHTML, so module labels cannot inject markup.
 */
export const HOME_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Suivi</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #1d2a1f; }
  h1 { color: #2f6b3a; margin-bottom: 0; }
  .lead { color: #56635a; margin-top: 0.25rem; }
  li { margin: 0.75rem 0; }
  .levels { color: #56635a; font-size: 0.9rem; }
  code { background: #eef3ef; padding: 0 0.25rem; border-radius: 3px; }
</style>
</head>
<body>
<h1>Suivi</h1>
<p class="lead">Protocoles de suivi de la biodiversité. L'application de saisie arrive bientôt ; l'API est déjà là.</p>
<h2>Modules installés</h2>
<ul id="modules"><li>Chargement…</li></ul>
<p>API : <a href="/api/modules"><code>/api/modules</code></a>, <a href="/api/health"><code>/api/health</code></a></p>
<script type="module">
  const list = document.getElementById('modules');
  try {
    const response = await fetch('/api/modules');
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const { modules } = await response.json();
    list.replaceChildren(
      ...modules.map((m) => {
        const item = document.createElement('li');
        const title = document.createElement('strong');
        title.textContent = m.label.fr;
        const code = document.createElement('code');
        code.textContent = m.code + ' v' + m.version;
        const levels = document.createElement('div');
        levels.className = 'levels';
        levels.textContent = m.levels.map((l) => l.plural.fr).join(' → ');
        item.append(title, ' ', code, levels);
        return item;
      }),
    );
    if (modules.length === 0) list.textContent = 'Aucun module installé.';
  } catch (error) {
    list.textContent = 'Impossible de lire la liste des modules (' + error.message + ').';
  }
</script>
</body>
</html>
`;
