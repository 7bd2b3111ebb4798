use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::startup::AppState;

/// `GET /healthz`: no auth; 200 when the database answers.
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.db.ping().await?;
    Ok(Json(json!({ "status": "ok" })))
}
