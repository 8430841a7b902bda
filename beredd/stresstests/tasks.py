"""The background task that computes a stress test (run by `manage.py db_worker`)."""

from django_tasks import task

from beredd.stresstests import services


@task()
def run_stress_test(run_id: int) -> None:
    services.stress_test_execute(run_id=run_id)
