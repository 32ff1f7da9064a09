// The API gateway's key check (nginx njs): the presented X-API-Key is reduced to its SHA-256 digest, which nginx
// looks up in the map of known keys (clients.map, from the Secret api-keys). The lookup's timing depends on the
// digest, which a caller cannot steer towards a stored one, so it reveals nothing about a valid key; the Secret
// holds digests only. docs/decisions/0014-api-keys-and-per-key-limits-in-a-gateway.md. The local stack's ingress
// (scripts/stack.sh) uses this file too, with its map generated from var/stack/api-keys.
const crypto = require('crypto');

function digest(r) {
    const key = r.headersIn['X-API-Key'];
    if (!key) {
        return '';
    }
    return crypto.createHash('sha256').update(key).digest('hex');
}

export default { digest };
