function (newDoc, oldDoc, userCtx, secObj) {
  // couchgate policy owner-write: sessions read everything; a write must carry owner equal to the writer's
  // app username (from the role user:<username>); owner never changes; only the owner deletes; only admins
  // write design docs. ES5 only: CouchDB's JavaScript engines differ by version.
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) {
    return;
  }
  if (newDoc._id.indexOf('_design/') === 0) {
    throw({forbidden: 'only admins may write design docs'});
  }
  var username = null;
  for (var i = 0; i < roles.length; i++) {
    if (typeof roles[i] === 'string' && roles[i].indexOf('user:') === 0) {
      username = roles[i].substring(5);
      break;
    }
  }
  if (username === null || username === '') {
    throw({forbidden: 'only app users may write'});
  }
  var exists = oldDoc !== null && oldDoc !== undefined && oldDoc._deleted !== true;
  if (newDoc._deleted === true) {
    if (!exists || oldDoc.owner !== username) {
      throw({forbidden: 'only the owner may delete this document'});
    }
    return;
  }
  if (!exists) {
    if (newDoc.owner !== username) {
      throw({forbidden: 'owner must be your username'});
    }
    return;
  }
  if (oldDoc.owner !== username) {
    throw({forbidden: 'only the owner may change this document'});
  }
  if (newDoc.owner !== oldDoc.owner) {
    throw({forbidden: 'owner cannot change'});
  }
}
