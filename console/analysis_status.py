"""Where a call's analysis stands, for its pages to poll: whether something is still in
progress, and a version that changes whenever what the AI Analysis shows would."""

from __future__ import annotations

from dataclasses import dataclass

from calls.models import Call, CallStatus, RunStatus

IN_PROGRESS_CALL = {CallStatus.RECEIVED, CallStatus.ANALYZING}
IN_PROGRESS_RUN = {RunStatus.QUEUED, RunStatus.RUNNING}


@dataclass(frozen=True)
class AnalysisState:
    status: str
    status_label: str
    runs_in_progress: list[int]
    """Ids of the runs queued or running, oldest first."""
    version: str

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS_CALL or bool(self.runs_in_progress)

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "status_label": self.status_label,
            "in_progress": self.in_progress,
            "runs_in_progress": self.runs_in_progress,
            "version": self.version,
        }


def analysis_state(*, call: Call) -> AnalysisState:
    """One query: the call's runs' ids and statuses."""
    runs = list(call.runs.order_by("pk").values_list("pk", "status"))
    parts = [call.status, f"latest={call.latest_run_id}"]
    version = ";".join([*parts, *(f"{pk}={status}" for pk, status in runs)])
    return AnalysisState(
        status=call.status,
        status_label=call.get_status_display(),
        runs_in_progress=[pk for pk, status in runs if status in IN_PROGRESS_RUN],
        version=version,
    )
