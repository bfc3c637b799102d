/**
 * The one error banner: a problem's title and detail, then every further problem and suggestion the
 * server (or the app's own checks) gave, each as a list item.
 */
export default function ErrorMessage({ error }) {
  if (!error) return null;
  const problems = error.problems ?? [];
  return (
    <div className="banner banner-error" role="alert" data-testid="error-message">
      <strong data-testid="error-title">{error.title}</strong>
      {error.detail ? <span data-testid="error-detail">: {error.detail}</span> : null}
      {problems.length > 0 ? (
        <ul className="suggestions" data-testid="error-problems">
          {problems.map((p) => (
            <li key={p} data-testid="error-problem">
              {p}
            </li>
          ))}
        </ul>
      ) : null}
      {error.suggestions && error.suggestions.length > 0 ? (
        <ul className="suggestions" data-testid="error-suggestions">
          {error.suggestions.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
