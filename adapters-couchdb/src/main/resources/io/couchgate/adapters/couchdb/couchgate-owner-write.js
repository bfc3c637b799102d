function (newDoc, oldDoc, userCtx, secObj) {
  // couchgate policy owner-write, version 2. Sessions read everything. Every non-admin write (create, update,
  // delete, and each revision a replicator sends with new_edits=false) must have an _id of <username>:<name>,
  // <name> not empty, where <username> comes from the writer's role user:<username>, and must carry owner equal
  // to <username>; a tombstone may leave owner out, but if it has one it must be <username>. Only admins write
  // design docs. The rule reads newDoc alone on purpose: a revision branch that shares nothing with the stored
  // tree arrives with oldDoc = null, so oldDoc cannot say who owns a document; the _id never changes, so it can.
  // Usernames cannot contain ':', so the prefix up to the first ':' names exactly one user.
  // ES5 only: CouchDB's JavaScript engines differ by version.
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) {
    return;
  }
  var id = newDoc._id;
  if (id.indexOf('_design/') === 0) {
    throw({forbidden: 'only admins may write design docs'});
  }
  var username = null;
  for (var i = 0; i < roles.length; i++) {
    if (typeof roles[i] === 'string' && roles[i].indexOf('user:') === 0) {
      username = roles[i].substring(5);
      break;
    }
  }
  if (username === null || username === '' || username.indexOf(':') !== -1) {
    throw({forbidden: 'only app users may write'});
  }
  var prefix = username + ':';
  if (id.length <= prefix.length || id.substring(0, prefix.length) !== prefix) {
    throw({forbidden: '_id must start with ' + prefix + ' followed by a name'});
  }
  if (newDoc._deleted === true && !newDoc.hasOwnProperty('owner')) {
    return;
  }
  if (newDoc.owner !== username) {
    throw({forbidden: 'owner must be your username'});
  }
}
