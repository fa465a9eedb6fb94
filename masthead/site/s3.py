"""Media on S3-compatible storage: the storage's options from the environment, and its probe.

The probe is shared by the start-up check (site/dependencies.py) and /readyz (site/health.py). It
asks for the bucket itself (HEAD bucket): asking for an object, as `exists()` does, answers "no
such file" for a bucket that is missing too, so a site without its bucket looked ready.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# A bucket that is missing or keys that are refused stay so until the operator acts: the start
# fails at once. An endpoint that does not answer may be restarting: the start waits for it.
_REFUSED = {401, 403}


class MediaStorageError(Exception):
    """The media storage cannot be used; the message is one sentence naming the setting to fix."""

    lasting = False


class BucketMissing(MediaStorageError):
    lasting = True


class KeysRefused(MediaStorageError):
    lasting = True


class EndpointUnreachable(MediaStorageError):
    pass


def s3_storage_options(environ: Mapping[str, str]) -> dict[str, Any]:
    """django-storages' S3Storage options from the AWS_* variables (docs/scaling.md lists them).

    The keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are read by django-storages itself, or
    by boto3 from its usual places (an instance role, ~/.aws) when they are not set."""
    from botocore.config import Config

    return {
        "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # A CDN or the bucket's own public host name in front of images (no scheme).
        "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        # Images are public (the bucket policy lets anyone read images/ and original_images/);
        # documents never leave through a bucket address, so no URL needs a signature.
        "querystring_auth": False,
        # django-storages' default overwrites a file of the same name: a second "photo.jpg"
        # would replace the first image's file. Off, names get a suffix as on local disk.
        "file_overwrite": False,
        # boto's defaults wait 60 s for a connection and retry 4 times: a dead endpoint would
        # hold a request, a start or a load balancer's probe for minutes.
        "client_config": Config(
            connect_timeout=5, read_timeout=60, retries={"mode": "standard", "max_attempts": 3}
        ),
    }


def s3_plain_http_origin(environ: Mapping[str, str]) -> str | None:
    """The origin pages load pictures from when it is plain HTTP (a development endpoint), which
    the Content-Security-Policy's "https:" does not cover; None otherwise."""
    endpoint = urlsplit(environ.get("AWS_S3_ENDPOINT_URL") or "")
    if environ.get("AWS_S3_CUSTOM_DOMAIN") or endpoint.scheme != "http":
        return None  # a custom domain is addressed over https, as AWS itself
    return f"http://{endpoint.netloc}"


def media_storage_check() -> None:
    """Returns when the media storage can be used; else raises MediaStorageError (S3) or the
    file system's own error (local files)."""
    from django.core.files.storage import default_storage

    bucket_name = getattr(default_storage, "bucket_name", None)
    if bucket_name is None:
        default_storage.exists("masthead-storage-probe")
        return
    _bucket_check(default_storage, bucket_name)


def _probe_client(storage: Any) -> Any:
    """The storage's own client waits 60 s for an answer, three times (an upload may take that
    long); a probe must not: an endpoint that takes the connection and never answers would hold a
    load balancer's /readyz for three minutes. One client per process, with short waits and one
    attempt (the start-up check retries on its own)."""
    from botocore.config import Config

    probe = getattr(storage, "_masthead_probe_client", None)
    if probe is None:
        waits = Config(connect_timeout=3, read_timeout=3, retries={"mode": "standard", "max_attempts": 1})
        probe = storage._create_session().client(
            "s3",
            region_name=storage.region_name,
            use_ssl=storage.use_ssl,
            endpoint_url=storage.endpoint_url,
            config=storage.client_config.merge(waits),
            verify=storage.verify,
        )
        storage._masthead_probe_client = probe
    return probe


def _bucket_check(storage: Any, bucket_name: str) -> None:
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    where = storage.endpoint_url or "AWS"
    try:
        _probe_client(storage).head_bucket(Bucket=bucket_name)
    except ClientError as error:
        # A HEAD answer has no body: its status is all there is to read.
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404:
            raise BucketMissing(
                f"the S3 bucket {bucket_name!r} (AWS_STORAGE_BUCKET_NAME) does not exist at {where}"
            ) from error
        if status in _REFUSED:
            raise KeysRefused(
                f"the S3 keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are refused for the bucket "
                f"{bucket_name!r} at {where}: wrong keys, or keys without access to it"
            ) from error
        raise MediaStorageError(
            f"the S3 bucket {bucket_name!r} (AWS_STORAGE_BUCKET_NAME) at {where} answered {status}"
        ) from error
    except NoCredentialsError as error:
        raise KeysRefused(
            "no S3 keys are set (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and boto3 found none"
        ) from error
    except BotoCoreError as error:
        raise EndpointUnreachable(
            f"the S3 endpoint {where} (AWS_S3_ENDPOINT_URL) cannot be reached: {error}"
        ) from error
