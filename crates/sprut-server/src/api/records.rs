//! The records kept under a client (contacts, deals, activities, invoices) through the API:
//! one set of handlers for every kind ([`ClientRecord`]), and [`record_routes!`] giving each
//! kind its four routes with their OpenAPI documentation.

use super::access::{list_read, not_found_as, require_add, require_record, require_write};
use super::extract::Caller;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::http::StatusCode;
use axum::Json;
use sprut_core::client::ClientFilter;
use sprut_core::error::CoreResult;
use sprut_core::page::{Page, PageRequest};
use sprut_core::scope::{RecordKind, Scope};
use sprut_core::store::ChildFilter;
use sprut_core::{Actor, ClientId};
use sprut_store::Db;
use std::future::Future;
use time::Date;

/// A kind of record kept under a client, as the API reads and writes it.
pub trait ClientRecord: Sized + Send {
    /// What creating one takes.
    type New: Send;
    /// What changing one takes.
    type Patch: Send;
    /// Its id.
    type Id: Copy + std::fmt::Display + Send + Sync;
    /// Which records of a client a scope may see.
    const KIND: RecordKind;
    /// Its name in messages ("deal").
    const NAME: &'static str;
    /// The client it is kept under.
    fn client_id(&self) -> ClientId;
    /// Its own id.
    fn id(&self) -> Self::Id;
    /// The client a new one goes under.
    fn client_of(new: &Self::New) -> ClientId;
    /// Fills what a new one takes from the caller or the company when the request leaves it out.
    fn complete(_new: &mut Self::New, _user: &Caller, _state: &AppState) -> impl Future<Output = ()> + Send {
        async {}
    }
    /// Whether the caller's scope hides this one though its client is visible.
    fn hidden_from(&self, _scope: &Scope) -> bool {
        false
    }
    /// One page of those of `scope`.
    fn list(
        db: &Db,
        scope: &Scope,
        filter: &ChildFilter,
        page: &PageRequest,
    ) -> impl Future<Output = CoreResult<Page<Self>>> + Send;
    /// Creates one on the company's `today` (the day a date in it may not precede).
    fn create(db: &Db, actor: &Actor, new: Self::New, today: Date) -> impl Future<Output = CoreResult<Self>> + Send;
    /// Reads one.
    fn read(db: &Db, scope: &Scope, id: Self::Id) -> impl Future<Output = CoreResult<Self>> + Send;
    /// Changes one on the company's `today`.
    fn update(
        db: &Db,
        actor: &Actor,
        id: Self::Id,
        patch: Self::Patch,
        today: Date,
    ) -> impl Future<Output = CoreResult<Self>> + Send;
}

/// Those of the clients in the caller's scope, a page at a time.
pub async fn list<R: ClientRecord>(
    state: &AppState,
    user: &Caller,
    mut filter: ChildFilter,
    clients: ClientFilter,
    page: PageRequest,
) -> Result<Json<Page<R>>, AppError> {
    filter.clients = clients;
    list_read(state, user, &page, R::list(&state.store, &user.scope, &filter, &page), |r| {
        format!("{}:{}", R::NAME, r.id())
    })
    .await
}

/// Creates one under a client of the caller's scope: 201.
pub async fn create<R: ClientRecord>(
    state: &AppState,
    user: &Caller,
    new: R::New,
) -> Result<(StatusCode, Json<R>), AppError> {
    require_add(state, user, R::client_of(&new), R::KIND).await?;
    Ok((StatusCode::CREATED, Json(add::<R>(state, user, new).await?)))
}

/// Creates one the caller was found to be allowed to add ([`require_add`]): the use case
/// behind the API and the UI's form.
pub async fn add<R: ClientRecord>(state: &AppState, user: &Caller, mut new: R::New) -> Result<R, AppError> {
    R::complete(&mut new, user, state).await;
    Ok(R::create(&state.store, &user.actor(state.clock.now()), new, state.today().await).await?)
}

/// One, when its client is in the caller's scope and his scope shows it; 404 otherwise.
pub async fn visible<R: ClientRecord>(state: &AppState, user: &CurrentUser, id: R::Id) -> Result<R, AppError> {
    let found = match R::read(&state.store, &user.scope, id).await {
        Ok(found) => found,
        // Outside the scope or nowhere: one that exists elsewhere is refused, and the attempt
        // recorded, by the checks below.
        Err(sprut_core::CoreError::NotFound(_)) => {
            R::read(&state.store, &Scope::All, id).await.map_err(not_found_as(R::NAME))?
        }
        Err(e) => return Err(e.into()),
    };
    if found.hidden_from(&user.scope) {
        crate::guard::watch::denied(state, user, R::NAME, id.to_string()).await;
        return Err(AppError::not_found(format!("{} not found", R::NAME)));
    }
    require_record(state, user, found.client_id(), R::KIND, R::NAME, id.to_string()).await?;
    Ok(found)
}

/// Changes one the caller sees and may write.
pub async fn update<R: ClientRecord>(
    state: &AppState,
    user: &CurrentUser,
    id: R::Id,
    patch: R::Patch,
) -> Result<Json<R>, AppError> {
    visible::<R>(state, user, id).await?;
    Ok(Json(change::<R>(state, user, id, patch).await?))
}

/// Changes one the caller was found to see ([`visible`]), if he may write: the use case behind
/// the API and the UI's forms.
pub async fn change<R: ClientRecord>(
    state: &AppState,
    user: &CurrentUser,
    id: R::Id,
    patch: R::Patch,
) -> Result<R, AppError> {
    require_write(user)?;
    let actor = user.actor(state.clock.now());
    let today = state.today().await;
    R::update(&state.store, &actor, id, patch, today).await.map_err(not_found_as(R::NAME))
}

/// One [`ClientRecord`] kind: its impl (the store calls named, plus the items given in `also`)
/// and its routes, `GET`/`POST` on its list path and `GET`/`PATCH` on its item path, each
/// documented with the sentence given. A store call marked `[dated]` also takes the company's
/// today.
macro_rules! record_routes {
    (
        $record:ident, $new:ident, $patch:ident, $id:ident, kind: $kind:ident, name: $name:tt,
        store: {
            list: $list_m:ident,
            create: $create_m:ident $([$create_dated:ident])?,
            read: $read_m:ident,
            update: $update_m:ident $([$update_dated:ident])? $(,)?
        },
        also: { $($also:tt)* },
        list: $list:tt, item: $item:tt, tag: $tag:tt,
        docs: { list: $list_doc:tt, create: $create_doc:tt, one: $one_doc:tt, update: $update_doc:tt $(,)? } $(,)?
    ) => {
        impl $crate::api::records::ClientRecord for $record {
            type New = $new;
            type Patch = $patch;
            type Id = $id;
            const KIND: sprut_core::scope::RecordKind = sprut_core::scope::RecordKind::$kind;
            const NAME: &'static str = $name;
            fn client_id(&self) -> sprut_core::ClientId {
                self.client_id
            }
            fn id(&self) -> $id {
                self.id
            }
            fn client_of(new: &$new) -> sprut_core::ClientId {
                new.client_id
            }
            $($also)*
            async fn list(
                db: &sprut_store::Db,
                scope: &sprut_core::scope::Scope,
                filter: &sprut_core::store::ChildFilter,
                page: &sprut_core::page::PageRequest,
            ) -> sprut_core::error::CoreResult<sprut_core::page::Page<Self>> {
                sprut_core::store::RecordStore::$list_m(db, scope, filter, page).await
            }
            async fn create(
                db: &sprut_store::Db,
                actor: &sprut_core::Actor,
                new: $new,
                today: time::Date,
            ) -> sprut_core::error::CoreResult<Self> {
                let _ = today;
                sprut_core::store::RecordStore::$create_m(db, actor, new $(, { stringify!($create_dated); today })?).await
            }
            async fn read(
                db: &sprut_store::Db,
                scope: &sprut_core::scope::Scope,
                id: $id,
            ) -> sprut_core::error::CoreResult<Self> {
                sprut_core::store::RecordStore::$read_m(db, scope, id).await
            }
            async fn update(
                db: &sprut_store::Db,
                actor: &sprut_core::Actor,
                id: $id,
                patch: $patch,
                today: time::Date,
            ) -> sprut_core::error::CoreResult<Self> {
                let _ = today;
                sprut_core::store::RecordStore::$update_m(db, actor, id, patch $(, { stringify!($update_dated); today })?).await
            }
        }

        /// The routes of this file.
        pub fn routes() -> utoipa_axum::router::OpenApiRouter<$crate::state::AppState> {
            utoipa_axum::router::OpenApiRouter::new()
                .routes(utoipa_axum::routes!(list, create))
                .routes(utoipa_axum::routes!(one, patch))
        }

        #[doc = $list_doc]
        #[utoipa::path(get, path = $list, tag = $tag,
            params(sprut_core::store::ChildFilter, sprut_core::client::ClientFilter, sprut_core::page::PageRequest),
            responses((status = 200, body = sprut_core::page::Page<$record>), $crate::api::Problems))]
        async fn list(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            user: $crate::api::extract::Caller,
            $crate::api::extract::ApiQuery(filter): $crate::api::extract::ApiQuery<sprut_core::store::ChildFilter>,
            $crate::api::extract::ApiQuery(clients): $crate::api::extract::ApiQuery<sprut_core::client::ClientFilter>,
            $crate::api::extract::ApiQuery(page): $crate::api::extract::ApiQuery<sprut_core::page::PageRequest>,
        ) -> Result<axum::Json<sprut_core::page::Page<$record>>, $crate::error::AppError> {
            $crate::api::records::list(&state, &user, filter, clients, page).await
        }

        #[doc = $create_doc]
        #[utoipa::path(post, path = $list, tag = $tag, request_body = $new,
            responses((status = 201, body = $record), $crate::api::Problems))]
        async fn create(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            user: $crate::api::extract::Caller,
            $crate::api::extract::ApiJson(new): $crate::api::extract::ApiJson<$new>,
        ) -> Result<(axum::http::StatusCode, axum::Json<$record>), $crate::error::AppError> {
            $crate::api::records::create(&state, &user, new).await
        }

        #[doc = $one_doc]
        #[utoipa::path(get, path = $item, tag = $tag,
            params(("id" = $id, Path, description = "the record's id")),
            responses((status = 200, body = $record), $crate::api::Problems))]
        async fn one(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            user: $crate::api::extract::Caller,
            $crate::api::extract::ApiPath(id): $crate::api::extract::ApiPath<$id>,
        ) -> Result<axum::Json<$record>, $crate::error::AppError> {
            Ok(axum::Json($crate::api::records::visible::<$record>(&state, &user, id).await?))
        }

        #[doc = $update_doc]
        #[utoipa::path(patch, path = $item, tag = $tag, request_body = $patch,
            params(("id" = $id, Path, description = "the record's id")),
            responses((status = 200, body = $record), $crate::api::Problems))]
        async fn patch(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            user: $crate::api::extract::Caller,
            $crate::api::extract::ApiPath(id): $crate::api::extract::ApiPath<$id>,
            $crate::api::extract::ApiJson(patch): $crate::api::extract::ApiJson<$patch>,
        ) -> Result<axum::Json<$record>, $crate::error::AppError> {
            $crate::api::records::update::<$record>(&state, &user, id, patch).await
        }
    };
}
pub(crate) use record_routes;
