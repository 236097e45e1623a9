"""Bodies in the shapes each platform's docs and SDK types give, for one short call:
the customer (+90 532 123 45 67) calls the agent's number (+90 850 123 45 67)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.connectors.conftest import STARTED

CUSTOMER_LINE = "Hi, my name is Maria Gonzalez. Please call me back next Tuesday."
AGENT_LINE = "Hello, this is Ada from Solaris. Who am I speaking with?"
LENGTH = timedelta(minutes=3, seconds=42)


def retell(event: str = "call_ended", *, call_id: str = "call_retell_1", **call: Any) -> dict:
    start = int(STARTED.timestamp() * 1000)
    body = {
        "event": event,
        "call": {
            "call_type": "phone_call",
            "call_id": call_id,
            "agent_id": "oBeDLoLOeuAbiuaMFXRtDOLriTJ5tSxD",
            "agent_version": 3,
            "call_status": "ended",
            "direction": "inbound",
            "from_number": "+905321234567",
            "to_number": "+908501234567",
            "start_timestamp": start,
            "end_timestamp": start + int(LENGTH.total_seconds() * 1000),
            "duration_ms": int(LENGTH.total_seconds() * 1000),
            "disconnection_reason": "user_hangup",
            "transcript": f"Agent: {AGENT_LINE}\nUser: {CUSTOMER_LINE}\n",
            "transcript_object": [
                {
                    "role": "agent",
                    "content": AGENT_LINE,
                    "words": [{"word": "Hello,", "start": 0.52, "end": 0.9}],
                },
                {
                    "role": "user",
                    "content": CUSTOMER_LINE,
                    "words": [{"word": "Hi,", "start": 4.25, "end": 4.5}],
                },
            ],
            "metadata": {"crm_lead": "L-77"},
            "retell_llm_dynamic_variables": {"customer_name": "Maria"},
            "collected_dynamic_variables": {"callback_day": "Tuesday"},
        },
    }
    if event == "call_analyzed":
        body["call"]["call_analysis"] = {
            "call_summary": "The customer asked for a call back next Tuesday.",
            "user_sentiment": "Positive",
            "call_successful": True,
            "in_voicemail": False,
            "custom_analysis_data": {"interest": "high"},
        }
    body["call"].update(call)
    return body


def vapi(kind: str = "end-of-call-report", *, call_id: str = "call_vapi_1", **message: Any) -> dict:
    at = STARTED.timestamp() * 1000

    def said(role: str, text: str, offset: float) -> dict:
        return {
            "role": role,
            "message": text,
            "time": at + offset * 1000,
            "endTime": at + offset * 1000 + 3000,
            "secondsFromStart": offset,
            "duration": 3000,
        }

    iso = "%Y-%m-%dT%H:%M:%S.%fZ"
    body = {
        "message": {
            "type": kind,
            "timestamp": at + LENGTH.total_seconds() * 1000,
            "endedReason": "customer-ended-call",
            "startedAt": STARTED.strftime(iso),
            "endedAt": (STARTED + LENGTH).strftime(iso),
            "call": {
                "id": call_id,
                "orgId": "org_1",
                "type": "inboundPhoneCall",
                "createdAt": STARTED.strftime(iso),
                "updatedAt": (STARTED + LENGTH).strftime(iso),
                "assistantId": "asst_1",
            },
            "customer": {"number": "+905321234567", "name": "Maria"},
            "phoneNumber": {"number": "+908501234567"},
            "artifact": {
                "messages": [
                    {
                        "role": "system",
                        "message": "You are Ada.",
                        "time": at,
                        "secondsFromStart": 0,
                    },
                    said("bot", AGENT_LINE, 0.6),
                    said("user", CUSTOMER_LINE, 4.3),
                ],
                "transcript": f"AI: {AGENT_LINE}\nUser: {CUSTOMER_LINE}",
                "recordingUrl": "https://storage.vapi.ai/rec.wav",
                "variableValues": {"customer_name": "Maria"},
            },
            "analysis": {
                "summary": "The customer asked for a call back next Tuesday.",
                "structuredData": {"interest": "high"},
                "successEvaluation": "true",
            },
        }
    }
    body["message"].update(message)
    return body


def elevenlabs(
    kind: str = "post_call_transcription", *, call_id: str = "conv_11_1", **data: Any
) -> dict:
    body = {
        "type": kind,
        "event_timestamp": int((STARTED + LENGTH).timestamp()),
        "data": {
            "agent_id": "agent_11",
            "conversation_id": call_id,
            "status": "done",
            "transcript": [
                {"role": "agent", "message": AGENT_LINE, "time_in_call_secs": 0},
                {
                    "role": "agent",
                    "message": None,
                    "time_in_call_secs": 2,
                    "tool_calls": [
                        {
                            "request_id": "req_1",
                            "tool_name": "lookup",
                            "params_as_json": "{}",
                            "tool_has_been_called": True,
                        }
                    ],
                },
                {"role": "user", "message": CUSTOMER_LINE, "time_in_call_secs": 4},
            ],
            "metadata": {
                "start_time_unix_secs": int(STARTED.timestamp()),
                "call_duration_secs": int(LENGTH.total_seconds()),
                "termination_reason": "Call ended by remote party",
                "main_language": "en",
                "phone_call": {
                    "type": "twilio",
                    "direction": "inbound",
                    "phone_number_id": "phnum_1",
                    "agent_number": "+908501234567",
                    "external_number": "+905321234567",
                    "stream_sid": "MZ1",
                    "call_sid": "CA1",
                },
            },
            "analysis": {
                "evaluation_criteria_results": {},
                "data_collection_results": {
                    "interest": {
                        "data_collection_id": "interest",
                        "value": "high",
                        "rationale": "The customer wants a call back.",
                    }
                },
                "call_successful": "success",
                "transcript_summary": "The customer asked for a call back next Tuesday.",
            },
            "conversation_initiation_client_data": {
                "dynamic_variables": {"customer_name": "Maria"}
            },
            "has_audio": True,
            "has_user_audio": True,
            "has_response_audio": True,
            "has_auxiliary_audio": False,
        },
    }
    body["data"].update(data)
    return body


def bland(*, call_id: str = "bland-call-1", **call: Any) -> dict:
    def at(seconds: float) -> str:
        return (STARTED + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    body = {
        "call_id": call_id,
        "c_id": call_id,
        "to": "4155550100",
        "from": "+14155550134",
        "inbound": False,
        "completed": True,
        "status": "completed",
        "answered_by": "human",
        "call_length": 3.7,
        "corrected_duration": str(int(LENGTH.total_seconds())),
        "started_at": STARTED.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "end_at": (STARTED + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "summary": "The customer asked for a call back next Tuesday.",
        "variables": {"now": "Tuesday, March 10, 2026 4:05 AM", "timezone": "America/Los_Angeles"},
        "analysis": {"interest": "high"},
        "concatenated_transcript": f"assistant: {AGENT_LINE} \n user: {CUSTOMER_LINE}",
        "transcripts": [
            {"id": 1, "created_at": at(0.8), "text": AGENT_LINE, "user": "assistant"},
            {"id": 2, "created_at": at(2.0), "text": "Transferring…", "user": "agent-action"},
            {"id": 3, "created_at": at(4.4), "text": CUSTOMER_LINE, "user": "user"},
        ],
    }
    body.update(call)
    return body


def synthflow(*, call_id: str = "1711646262471x768387119913843100", **call: Any) -> dict:
    body = {
        "status": "completed",
        "lead": {"name": "Maria", "phone_number": "+4915112345678"},
        "call": {
            "status": "completed",
            "end_call_reason": "completed",
            "model_id": "1711241656808x745681686585854500",
            "timezone": "Europe/Berlin",
            "call_id": call_id,
            "duration": int(LENGTH.total_seconds()),
            "start_time": "2026-03-10T12:05:00.205134+01:00",  # STARTED, in Berlin
            "transcript": f"\nbot: {AGENT_LINE}\nhuman: {CUSTOMER_LINE}",
            "external_id": "lead-77",
        },
        "executed_actions": {
            "extract_info_1": {
                "name": "extract_info_1",
                "action_type": "extract_info_action_type",
                "return_value": {"interest": "high"},
            }
        },
    }
    body["call"].update(call)
    return body
