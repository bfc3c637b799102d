/** A neutral notice, e.g. "Account created" or "Your session has ended". */
export default function InfoMessage({ text }) {
  if (!text) return null;
  return (
    <div className="banner banner-info" role="status" data-testid="info-message">
      {text}
    </div>
  );
}
