//! `GET /api/v1/openapi.json`: a hand-written OpenAPI 3.1 description of
//! the API. Body schemas are summarised; the exact types are the core
//! crate's `wire` module.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(document))
}

fn error_responses(codes: &[&str]) -> Value {
    let mut map = serde_json::Map::new();
    for code in codes {
        map.insert(
            (*code).to_string(),
            json!({ "description": "Error", "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/ApiError" } } } }),
        );
    }
    Value::Object(map)
}

fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

fn responses(code: &str, success: Value, errors: &[&str]) -> Value {
    merge(json!({ code: success }), error_responses(errors))
}

fn obj(description: &str) -> Value {
    json!({ "type": "object", "description": description })
}

pub fn spec() -> Value {
    let bearer = json!([{ "bearer": [] }]);
    let auth_errors = ["401", "500"];
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "SamenOp sync API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Sync backend for SamenOp field devices and shift-lead review. \
                Every route but /healthz, /api/v1/sessions (POST) and this document needs \
                `Authorization: Bearer <token>`. Every error body is {error, message}. A 401 with \
                error `account_disabled` or `device_revoked` means the account was disabled or the \
                device revoked: the app wipes its data; any other 401 (`unauthorized`) means sign in again."
        },
        "paths": {
            "/healthz": { "get": {
                "summary": "Liveness and database check",
                "security": [],
                "responses": responses("200", ok("Healthy", obj("{status: \"ok\"}")), &["500"])
            }},
            "/api/v1/sessions": {
                "post": {
                    "summary": "Log in: username and password (and TOTP code) for an expiring bearer token; 429 too_many_attempts with Retry-After when throttled",
                    "security": [],
                    "requestBody": { "required": true, "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/SessionRequest" } } } },
                    "responses": responses("200", ok("Logged in", json!({ "$ref": "#/components/schemas/SessionResponse" })),
                        &["400", "401", "413", "422", "429", "500"])
                },
                "delete": {
                    "summary": "Log out: ends this token",
                    "security": bearer,
                    "responses": merge(json!({ "204": { "description": "Logged out" } }), error_responses(&auth_errors))
                }
            },
            "/api/v1/events": {
                "post": {
                    "summary": "Push a batch of events; per event applied, duplicate or rejected",
                    "security": bearer,
                    "requestBody": { "required": true, "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/PushRequest" } } } },
                    "responses": responses("200", ok("Per-event results, in request order",
                        json!({ "$ref": "#/components/schemas/PushResponse" })),
                        &["400", "401", "413", "422", "500", "503"])
                },
                "get": {
                    "summary": "Pull the events the caller may see after a cursor, oldest first; a shared item only reaches the sender's and the receiver's organisation, so a page may hold no events while `more` is true (follow next_cursor)",
                    "security": bearer,
                    "parameters": [
                        { "name": "since", "in": "query", "schema": { "type": "string" },
                          "description": "next_cursor of the previous pull; absent for the start" },
                        { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 2000 } },
                        { "name": "wait", "in": "query", "schema": { "type": "integer", "minimum": 0, "maximum": 25 },
                          "description": "long poll: seconds to wait when the caller has nothing new (answers as soon as something it may see is committed, else an empty page with the same cursor); absent or 0 answers at once" }
                    ],
                    "responses": responses("200", ok("A page of events",
                        json!({ "$ref": "#/components/schemas/PullResponse" })), &["400", "401", "500"])
                }
            },
            "/api/v1/cases": { "get": {
                "summary": "Shift lead: the region's cases with activity in the lead window \
                    (--lead-window-days), newest first; with `search`, cases of any age (audited with the text)",
                "security": bearer,
                "parameters": [
                    { "name": "search", "in": "query", "schema": { "type": "string", "minLength": 3, "maxLength": 100 },
                      "description": "case id (or its start) or part of the address hint" },
                    { "name": "day", "in": "query", "schema": { "type": "string", "format": "date" },
                      "description": "Local (Europe/Amsterdam) day of the report" },
                    { "name": "status", "in": "query", "schema": { "type": "string",
                      "enum": ["acute", "contained", "not_assessed", "not_acute", "handed_over"] } },
                    { "name": "filter", "in": "query", "schema": { "type": "string" },
                      "description": "filter chips, comma-separated (core shift::ListChip names)" },
                    { "name": "from", "in": "query", "schema": { "type": "string", "format": "date-time" },
                      "description": "reported at or after" },
                    { "name": "to", "in": "query", "schema": { "type": "string", "format": "date-time" },
                      "description": "reported before" },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500 },
                      "description": "rows per page; without it every row" },
                    { "name": "cursor", "in": "query", "schema": { "type": "string" },
                      "description": "the X-Next-Cursor header of the previous page" }
                ],
                "responses": responses("200", ok("Cases", json!({ "type": "array",
                    "items": { "$ref": "#/components/schemas/CaseListItem" } })), &["400", "401", "403", "500"])
            }},
            "/api/v1/cases/joinable": { "get": {
                "summary": "Police/VT: colleagues' cases of the last 24 h in the caller's region to join",
                "security": bearer,
                "responses": responses("200", ok("Cases to join (join by pushing a case_joined event)",
                    json!({ "type": "array", "items": { "$ref": "#/components/schemas/JoinableCase" } })),
                    &["401", "403", "500"])
            }},
            "/api/v1/cases/{case_id}/summary": { "get": {
                "summary": "Shift lead: the on-scene summary of one case as the lead's organisation may see it (audited)",
                "security": bearer,
                "parameters": [{ "name": "case_id", "in": "path", "required": true,
                    "schema": { "type": "string", "format": "uuid" } }],
                "responses": responses("200", ok("The core's OnSceneSummary", obj("OnSceneSummary")),
                    &["401", "403", "404", "500"])
            }},
            "/api/v1/cases/{case_id}/summary.pdf": { "get": {
                "summary": "Shift lead: the on-scene summary of one case as a PDF file, naming who recorded \
                    each item and for which organisation (audited)",
                "security": bearer,
                "parameters": [{ "name": "case_id", "in": "path", "required": true,
                    "schema": { "type": "string", "format": "uuid" } }],
                "responses": responses("200", json!({
                    "description": "PDF, sent as attachment samenop-<case_id>.pdf",
                    "headers": { "Content-Disposition": { "schema": { "type": "string" } } },
                    "content": { "application/pdf": { "schema": { "type": "string", "format": "binary" } } }
                }), &["401", "403", "404", "500"])
            }},
            "/api/v1/cases/{case_id}/open": { "post": {
                "summary": "Shift lead: open a case of the region; from now on the lead's pulls carry it \
                    (and only the cases the lead opened). Audited as lead_open",
                "security": bearer,
                "parameters": [{ "name": "case_id", "in": "path", "required": true,
                    "schema": { "type": "string", "format": "uuid" } }],
                "responses": responses("204", json!({ "description": "Opened" }), &["401", "403", "404", "500"])
            }},
            "/api/v1/cases/counts": { "get": {
                "summary": "Shift lead: how many cases the list holds in the lead window and how many each filter chip \
                    alone would show (counts only, not audited per case), so a paged list still counts every case",
                "security": bearer,
                "parameters": [
                    { "name": "day", "in": "query", "schema": { "type": "string", "format": "date" },
                      "description": "Local (Europe/Amsterdam) day of the report" },
                    { "name": "from", "in": "query", "schema": { "type": "string", "format": "date-time" } },
                    { "name": "to", "in": "query", "schema": { "type": "string", "format": "date-time" } }
                ],
                "responses": responses("200", ok("Counts", obj("samenop_core::wire::ListCounts")), &["400", "401", "403", "500"])
            }},
            "/api/v1/figures": { "get": {
                "summary": "Shift lead: the weekly evaluation figures of the region (counts only)",
                "security": bearer,
                "responses": responses("200", ok("Weeks", json!({ "type": "array",
                    "items": obj("samenop_core::evaluation::WeekFigures") })), &["401", "403", "500"])
            }},
            "/api/v1/board": { "get": {
                "summary": "Shift lead: the open measures of the region's cases in the lead window, most urgent first, overdue ones marked \
                    (every case listed is audited)",
                "security": bearer,
                "parameters": [
                    { "name": "from", "in": "query", "schema": { "type": "string", "format": "date-time" },
                      "description": "next moment to act at or after" },
                    { "name": "to", "in": "query", "schema": { "type": "string", "format": "date-time" },
                      "description": "next moment to act before" },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 500 },
                      "description": "items per page; without it every item" },
                    { "name": "cursor", "in": "query", "schema": { "type": "string" },
                      "description": "the X-Next-Cursor header of the previous page" }
                ],
                "responses": responses("200", ok("Open measures", json!({ "type": "array",
                    "items": { "$ref": "#/components/schemas/BoardItem" } })), &["401", "403", "500"])
            }},
            "/api/v1/audit": { "get": {
                "summary": "Admin: the log of case reads, newest first",
                "security": bearer,
                "parameters": [
                    { "name": "case_id", "in": "query", "schema": { "type": "string", "format": "uuid" } },
                    { "name": "before", "in": "query", "schema": { "type": "integer" } },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 1000 } }
                ],
                "responses": responses("200", ok("Audit entries", json!({ "type": "array",
                    "items": { "$ref": "#/components/schemas/AuditRecord" } })), &["400", "401", "403", "500"])
            }},
            "/api/v1/audit/writes": { "get": {
                "summary": "Admin: who wrote which kind of entry in one case, device time beside the server's receipt time",
                "security": bearer,
                "parameters": [
                    { "name": "case_id", "in": "query", "required": true, "schema": { "type": "string", "format": "uuid" } }
                ],
                "responses": responses("200", ok("Writes in commit order", json!({ "type": "array",
                    "items": { "type": "object" } })), &["400", "401", "403", "500"])
            }},
            "/api/v1/openapi.json": { "get": {
                "summary": "This document",
                "security": [],
                "responses": { "200": ok("OpenAPI document", obj("OpenAPI 3.1")) }
            }}
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "ApiError": { "type": "object", "required": ["error", "message"], "properties": {
                    "error": { "type": "string", "description": "machine code, e.g. invalid_body" },
                    "message": { "type": "string" } } },
                "SessionRequest": { "type": "object", "required": ["username", "password"],
                    "additionalProperties": false, "properties": {
                    "username": { "type": "string" }, "password": { "type": "string" },
                    "device_id": { "type": "string", "format": "uuid",
                        "description": "the token is bound to this device; pushes naming another are 403" },
                    "otp": { "type": "string", "description": "TOTP code; 401 otp_required when the account needs one" } } },
                "SessionResponse": { "type": "object", "properties": {
                    "token": { "type": "string" }, "expires_at": { "type": "string", "format": "date-time" },
                    "account": { "$ref": "#/components/schemas/Account" } } },
                "Account": { "type": "object", "properties": {
                    "username": { "type": "string" }, "display_name": { "type": "string" },
                    "organisation": { "type": "string" },
                    "role": { "type": "string", "enum": ["police", "veilig_thuis", "shift_lead", "admin"] },
                    "region": { "type": "string" } } },
                "PushRequest": { "type": "object", "required": ["device_id", "events"],
                    "additionalProperties": false, "properties": {
                    "device_id": { "type": "string", "format": "uuid" },
                    "events": { "type": "array", "items": obj("samenop_core::Event (strict: unknown fields refused)") } } },
                "PushResponse": { "type": "object", "properties": { "results": { "type": "array", "items": {
                    "type": "object", "required": ["id", "outcome"], "properties": {
                    "id": { "type": "string", "format": "uuid" },
                    "outcome": { "type": "string", "enum": ["applied", "duplicate", "rejected"] },
                    "code": { "type": "string", "enum": ["conflicting_content", "forbidden",
                        "author_mismatch", "invalid", "unknown_case"] },
                    "reason": { "type": "string" } } } } } },
                "PullResponse": { "type": "object", "properties": {
                    "events": { "type": "array", "items": obj("samenop_core::Event") },
                    "next_cursor": { "type": "string" }, "more": { "type": "boolean" },
                    "purged": { "type": "array", "items": { "type": "string", "format": "uuid" },
                        "description": "cases deleted after the retention period that the caller held: drop them" } } },
                "CaseListItem": obj("samenop_core::wire::CaseListItem"),
                "JoinableCase": obj("samenop_core::wire::JoinableCase"),
                "BoardItem": obj("samenop_core::board::BoardItem"),
                "AuditRecord": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "at": { "type": "string", "format": "date-time" },
                    "username": { "type": "string" }, "role": { "type": "string" },
                    "action": { "type": "string", "enum": ["pull", "case_list", "summary", "summary_pdf",
                        "board", "joinable_list", "late_join", "audit_writes", "case_search", "lead_open",
                        "retention_purge"] },
                    "case_id": { "type": ["string", "null"] },
                    "detail": { "type": "string", "description": "case_search: the text searched" } } }
            }
        }
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
