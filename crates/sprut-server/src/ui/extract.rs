//! What a UI handler takes from a request before it runs: the signed-in user with the context
//! of his page, a manager's page, a posted form whose CSRF token checks. A request without
//! them gets its answer here (the sign-in page, the 404 or 403 page), so no handler repeats
//! the checks or can forget one.

use super::layout::{error_page, to_login, Ctx};
use super::Params;
use crate::auth::{check_csrf, CurrentUser, MaybeUser};
use crate::AppState;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;

/// A signed-in user and the context of the page he asked for; anyone else is sent to sign in.
pub(crate) struct Page {
    /// Who asked.
    pub user: CurrentUser,
    /// His language, the page's path, today in the company's time zone.
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Ok(MaybeUser(Some(user))) = MaybeUser::from_request_parts(parts, state).await else {
            return Err(to_login());
        };
        let ctx = Ctx::new(&user, &parts.uri, state.clock.now(), &state.settings().await.time_zone);
        Ok(Page { user, ctx })
    }
}

/// A [`Page`] of administrators and heads of sales: anyone else gets the 404 page.
pub(crate) struct ManagerPage {
    /// The page's context.
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for ManagerPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Page { user, ctx } = Page::from_request_parts(parts, state).await?;
        if crate::api::access::require_manager(&user).is_err() {
            return Err(error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None));
        }
        Ok(ManagerPage { ctx })
    }
}

/// A form posted by a signed-in user whose CSRF token checks: who, the page's context, and
/// the fields.
pub(crate) struct Posted {
    /// Who posted.
    pub user: CurrentUser,
    /// The page's context.
    pub ctx: Ctx,
    /// The form's fields.
    pub params: Params,
}

impl Posted {
    /// The form `fields` of the signed-in `user`, or the 403 page when its CSRF token is wrong.
    // The error is the page to send at once, made once per request: its size is moot.
    #[allow(clippy::result_large_err)]
    pub(crate) fn check(user: CurrentUser, ctx: Ctx, fields: Vec<(String, String)>) -> Result<Self, Response> {
        let params = Params::new(fields);
        if check_csrf(&user, params.raw("csrf")).is_err() {
            return Err(error_page(Some(&ctx), ctx.lang, StatusCode::FORBIDDEN, None));
        }
        Ok(Posted { user, ctx, params })
    }
}

impl FromRequest<AppState> for Posted {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Page { user, ctx } = Page::from_request_parts(&mut parts, state).await?;
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        Posted::check(user, ctx, fields)
    }
}

/// A record id from the path (`/clients/{id}`, `/transfers/{id}/{action}`): one that does not
/// parse gets the 404 page, as an id that names nothing does.
pub(crate) struct PathId<T>(pub T);

impl<T: std::str::FromStr + Send> FromRequestParts<AppState> for PathId<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(id) = path_param(parts, state, "id").await?.and_then(|raw| raw.parse().ok()) {
            return Ok(PathId(id));
        }
        let Page { ctx, .. } = Page::from_request_parts(parts, state).await?;
        Err(error_page(Some(&ctx), ctx.lang, StatusCode::NOT_FOUND, None))
    }
}

/// The action a form posts to (`/transfers/{id}/{action}`); the handler refuses one it does
/// not know.
pub(crate) struct PathAction(pub String);

impl FromRequestParts<AppState> for PathAction {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        Ok(PathAction(path_param(parts, state, "action").await?.unwrap_or_default()))
    }
}

/// The path parameter `name` of the route, if it has one.
async fn path_param(parts: &mut Parts, state: &AppState, name: &str) -> Result<Option<String>, Response> {
    let Path(params) =
        Path::<Vec<(String, String)>>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
    Ok(params.into_iter().find(|(k, _)| k == name).map(|(_, v)| v))
}
