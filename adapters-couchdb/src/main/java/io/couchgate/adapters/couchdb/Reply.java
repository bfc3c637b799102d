package io.couchgate.adapters.couchdb;

/**
 * One CouchDB answer.
 *
 * @param method the request method, for messages
 * @param path the request path and query (never credentials), for messages
 * @param status the HTTP status code
 * @param body the response body (empty when there was none)
 */
record Reply(String method, String path, int status, byte[] body) {

    boolean is(int code) {
        return status == code;
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return "GET /_session answered 500" */
    String describe() {
        return method + " " + path + " answered " + status;
    }
}
