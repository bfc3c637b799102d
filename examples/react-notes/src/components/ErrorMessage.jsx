/** The one error banner: a problem's title and detail, plus suggestions when the server gave some. */
export default function ErrorMessage({ error }) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="error-message">
      <strong data-testid="error-title">{error.title}</strong>
      {error.detail ? <span data-testid="error-detail">: {error.detail}</span> : null}
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
