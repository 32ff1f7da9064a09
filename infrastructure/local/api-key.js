// The local ingress's API-key check (nginx njs). The presented X-API-Key is reduced to its SHA-256 digest and
// nginx looks the digest up in the generated map of known keys (api-keys.map): the lookup's timing depends on
// the digest, which a caller cannot steer towards a stored one, so it reveals nothing about a valid key, and
// the keys file holds digests only.
const crypto = require('crypto');

function digest(r) {
    const key = r.headersIn['X-API-Key'];
    if (!key) {
        return '';
    }
    return crypto.createHash('sha256').update(key).digest('hex');
}

export default { digest };
