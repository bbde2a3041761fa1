//! The Store contract: one suite, run on SQLite and on PostgreSQL.

mod clients;
mod fixtures;
mod handover;
mod harness;
mod holding;
mod import;
mod meeting_requests;
mod octopus;
mod outbox;
mod people;
mod planner;
mod plans;
mod records;
mod rotation;
mod sales_plans;
mod scope;
mod security;
mod spot_checks;
mod surveys;
mod workbench;

/// Runs each listed `async fn(&Db)` once on a fresh SQLite store and once on a fresh
/// PostgreSQL database (skipped with a message when no PostgreSQL URL is given).
macro_rules! contract {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let fresh = crate::harness::sqlite().await;
                crate::$module::$name(&fresh.db).await;
                fresh.finish().await;
            })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(fresh) = crate::harness::postgres().await else { return };
                crate::$module::$name(&fresh.db).await;
                fresh.finish().await;
            })*
        }
    };
}

contract!(
    people::teams_and_employees,
    people::employees_among_reads_only_the_ids_given,
    people::email_is_unique_regardless_of_case,
    people::sessions_and_tokens,
    people::departure_revokes_sessions_and_tokens,
    people::settings_round_trip,
    clients::create_update_and_audit,
    clients::legal_id_is_unique,
    clients::corporate_group_cannot_loop,
    clients::search_filters_and_pages,
    clients::channels_are_kept_normalised_searched_and_audited,
    holding::assign_end_and_history,
    holding::holder_on_date,
    holding::bad_assignments_change_nothing,
    holding::concurrent_assignments_have_one_winner,
    holding::database_refuses_two_open_assignments,
    records::contacts_deals_activities_receivables,
    records::deal_is_credited_to_holder_at_close,
    records::account_team_seats,
    plans::kept_plans_follow_every_change_and_the_head_s_counts_agree_with_the_rules,
    octopus::relationship_facts_name_both_sides_of_every_touch,
    octopus::thread_facts_read_the_window_the_revenue_and_the_reach,
    octopus::coverage_is_counted_and_the_list_filters_and_sorts_by_it,
    meeting_requests::meeting_requests_are_answered_by_the_holder_and_flag_him,
    spot_checks::the_week_s_draw_is_checked_by_others_and_wrong_data_are_investigated,
    surveys::surveys_go_to_consenting_contacts_and_answer_once,
    workbench::a_touch_sets_its_next_step_and_a_bad_one_saves_nothing,
    workbench::open_tasks_follow_the_client_to_its_new_holder,
    workbench::touches_and_invoices_due_are_read_per_holder,
    workbench::late_deals_are_read_per_owner_and_a_deal_keeps_its_next_step,
    workbench::the_deal_board_reads_open_deals_by_phase,
    workbench::a_head_meeting_is_planned_by_the_head_and_held_with_the_checklist,
    scope::each_role_sees_its_part,
    scope::single_reads_take_the_scope,
    security::a_broken_uniqueness_rule_says_which_in_words,
    security::audit_chain_detects_tampering,
    security::reads_raise_viewing_alerts,
    security::paging_is_metered,
    security::failed_sign_ins_alert,
    security::exports_are_recorded_with_canaries,
    security::audit_log_forgery_is_found,
    security::staff_see_their_department,
    handover::transfer_hands_over_with_its_checklist_and_notices,
    handover::bad_transfers_change_nothing,
    handover::a_failure_midway_leaves_nothing_half_done,
    handover::offboarding_plans_applies_and_completes,
    outbox::alerts_mail_the_head_once_in_his_language,
    outbox::claims_lease_fail_with_backoff_and_retry,
    outbox::concurrent_claims_take_each_letter_once,
    import::reimport_changes_nothing,
    import::a_sales_team_sheet_without_emails,
    import::contacts_without_a_client_wait_in_the_pool,
    import::leads_become_unheld_prospects,
    import::a_first_import_into_empty_tables_keeps_the_schema,
    import::relations_resolve_and_history_is_inferred,
    import::unknown_holder_is_a_row_error_and_nothing_is_written,
    import::unresolved_client_and_file_error_write_nothing,
    import::a_flood_of_bad_rows_is_counted_listed_in_part_and_spilled_whole,
    rotation::a_year_of_rotation,
    rotation::bad_decisions_change_nothing,
    rotation::reports_and_hopeless_then_sold,
    rotation::daily_rotation_runs_once,
    rotation::dead_candidates_are_the_dead_ones,
    rotation::cycle_samples_match_a_hand_computed_fixture,
    rotation::the_cycle_is_kept_until_its_inputs_change,
    planner::a_redistribution_is_previewed_applied_and_refused_when_the_book_changed,
    sales_plans::plans_follow_the_clients_held_day_by_day,
);
