//! Activities: every touch with a client; the author is the caller.

use super::records::record_routes;
use sprut_core::activity::{Activity, ActivityPatch, NewActivity};
use sprut_core::ActivityId;

record_routes!(
    Activity, NewActivity, ActivityPatch, ActivityId, kind: Activities, name: "activity",
    store: { list: activities, create: create_activity [dated], read: activity, update: update_activity },
    also: {},

    list: "/activities", item: "/activities/{id}", tag: "activities",
    docs: {
        list: "Activities on the clients in the caller's scope, newest first.",
        create: "Logs an activity on a client in the caller's scope, authored by the caller, with its next step as a task.",
        one: "One activity.",
        update: "Changes an activity (its author and client never change).",
    },
);
