//! Meeting requests: a head or a colleague asks to meet a client, its holder answers; a holder
//! who keeps others away raises a red flag.

use super::access::{require_overseer, require_write};
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use super::Problems;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::meeting_request::{
    holder_answers, HolderAnswers, MeetingAnswer, MeetingRequest, NewMeetingRequest, RequestFilter,
};
use sprut_core::store::prelude::*;
use sprut_core::MeetingRequestId;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The routes of this file.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(answer)).routes(routes!(holders))
}

/// Asks the holder of a client in the caller's scope for a meeting: its purpose and one to three
/// dates, none in the past. Not for one's own client; auditors and leavers may not ask.
#[utoipa::path(post, path = "/meeting-requests", tag = "octopus", request_body = NewMeetingRequest,
    responses((status = 201, body = MeetingRequest), Problems))]
async fn create(
    State(state): State<AppState>,
    user: Caller,
    ApiJson(new): ApiJson<NewMeetingRequest>,
) -> Result<(StatusCode, Json<MeetingRequest>), AppError> {
    require_write(&user)?;
    let today = state.today().await;
    let r = state.store.request_meeting(&user.actor(state.clock.now()), &user.scope, new, today).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// The requests on the clients of the caller's scope and those he made, newest first (at most
/// 500), by client, state or holder.
#[utoipa::path(get, path = "/meeting-requests", tag = "octopus", params(RequestFilter),
    responses((status = 200, body = Vec<MeetingRequest>), Problems))]
async fn list(
    State(state): State<AppState>,
    user: Caller,
    ApiQuery(f): ApiQuery<RequestFilter>,
) -> Result<Json<Vec<MeetingRequest>>, AppError> {
    Ok(Json(state.store.meeting_requests(&user.scope, Some(user.employee.id), &f).await?))
}

/// Answers an open request: its holder accepts one of the dates (default the first still
/// ahead), postpones to another date with a reason, or declines with a reason; the one who
/// asked may withdraw it. A second decline in a year on the same client, or a postponement
/// past the setting, raises a red-flag alert on the holder in the same transaction.
#[utoipa::path(post, path = "/meeting-requests/{id}/answer", tag = "octopus", request_body = MeetingAnswer,
    params(("id" = MeetingRequestId, Path, description = "request id")),
    responses((status = 200, body = MeetingRequest), Problems))]
async fn answer(
    State(state): State<AppState>,
    user: Caller,
    ApiPath(id): ApiPath<MeetingRequestId>,
    ApiJson(a): ApiJson<MeetingAnswer>,
) -> Result<Json<MeetingRequest>, AppError> {
    require_write(&user)?;
    let today = state.today().await;
    Ok(Json(state.store.answer_meeting(&user.actor(state.clock.now()), id, a, today).await?))
}

/// Per holder of the caller's scope, how he answered the requests to meet his clients: open,
/// accepted, postponed, declined and red flags, the most red flags first (heads, admins,
/// auditors).
#[utoipa::path(get, path = "/meeting-requests/holders", tag = "octopus",
    responses((status = 200, body = Vec<HolderAnswers>), Problems))]
async fn holders(State(state): State<AppState>, user: Caller) -> Result<Json<Vec<HolderAnswers>>, AppError> {
    require_overseer(&user)?;
    let all = state.store.meeting_requests(&user.scope, None, &RequestFilter::default()).await?;
    Ok(Json(holder_answers(&all)))
}
