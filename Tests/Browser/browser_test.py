#!/usr/bin/env python3
"""Real-browser tests of the staff web application (docs/WEB.md, "Testing in a real browser").

Sets up a deployment with the built `caunoi` binary, starts `caunoi serve` on a free loopback
port, and drives Debian's headless Chromium through Selenium (chromedriver from Debian, never a
downloaded browser): a counsellor logs in, opens a case with Vietnamese input, finds her by name
without diacritics and in another order, adds a note, logs out, and her old cookie no longer
works; a manager of another centre cannot reach the case. Then the server's log and the database
file are searched for every typed value. Every name and number is invented.

Usage: browser_test.py --bin PATH/caunoi [--screenshots DIR]
Exit status 0 when every check holds; screenshots of a failure go to .build/browser-failures/.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
NAME = "Trần Thị Bích Ngọc"
PHONES = ["0912 345 678", "+82 10 9876 5432"]
NOTE = "Đã gặp chị tại văn phòng; hẹn Sở Tư pháp ngày 15/12."
SEARCH = "ngoc bich thi tran"
CONTACT = "Thăm nhà; chị kể con trai đã đi nhà trẻ."
CHILD = "Kim Min-jun"
FOLLOW_UP = "Gọi hỏi Sở Tư pháp về giấy khai sinh của bé."
SCAN_NAME = "ban-an-ly-hon-bich-ngoc.pdf"
SCAN = "%PDF-1.7 Bản án ly hôn — Toà án gia đình Busan (bản chụp thử)"
ASSESSMENT_NOTE = "Chị kể chồng cũ từng cầm dao dọa trước khi chị về nước."
COVER_NOTE = "Chị cần tư vấn tâm lý gấp sau khi được giải cứu."
RETURN_REASON = "Cần bổ sung số điện thoại an toàn để liên hệ."
PASSPHRASES = {"quantri": "browser-admin-passphrase", "lan": "browser-manager-passphrase",
               "thuy": "browser-counsellor-passphrase", "mai": "browser-other-manager",
               "trunguong": "browser-central-passphrase"}
CHECKS = []


def check(condition, what):
    CHECKS.append(what)
    if not condition:
        raise AssertionError(what)


def cli(binary, env, user, *args, new_passphrase=None, stdin=None):
    run_env = dict(env)
    if user:
        run_env.update(CAUNOI_USER=user, CAUNOI_PASSPHRASE=PASSPHRASES[user])
    if new_passphrase:
        run_env["CAUNOI_NEW_PASSPHRASE"] = new_passphrase
    subprocess.run([binary, *args], env=run_env, check=True, input=stdin, text=True, stdout=subprocess.DEVNULL)


def set_up(binary, directory):
    env = dict(os.environ, CAUNOI_DB=str(directory / "browser.db"), CAUNOI_POLICY=str(ROOT / "policy"))
    key = str(directory / "recovery.key")
    cli(binary, env, None, "init", "--admin", "quantri", "--recovery-out", key, new_passphrase=PASSPHRASES["quantri"])
    cli(binary, env, "quantri", "centre", "add", "HN-OSSO", "--name", "Văn phòng OSSO Hà Nội", "--province", "01", "--kind", "osso")
    cli(binary, env, "quantri", "centre", "add", "CT-MC", "--name", "Trung tâm tư vấn Cần Thơ", "--province", "92", "--kind", "marriage")
    for user, centre in (("lan", "HN-OSSO"), ("mai", "CT-MC")):
        cli(binary, env, "quantri", "user", "add", user, "--role", "manager", "--centre", centre, "--recovery-key-file", key,
            new_passphrase=PASSPHRASES[user])
    cli(binary, env, "lan", "user", "add", "thuy", "--role", "counsellor", "--centre", "HN-OSSO", new_passphrase=PASSPHRASES["thuy"])
    # A few earlier cases, so the dashboard and lists look like a working centre.
    csv = ("programme,name,birth-year,phone,origin-province,destination,migration,need,risk,person-ref,opened-on\n"
           "returnee,Lê Thị Thu Hà,1988,0901111222,Hà Nội,TW,labour,employment,low,a,2026-10-01\n"
           "returnee,Phạm Thị Mỹ,1999,0902222333,Nghệ An,CN,trafficked,psychosocial;shelter,high,b,2026-11-10\n")
    (directory / "earlier.csv").write_text(csv, encoding="utf-8")
    cli(binary, env, "lan", "case", "import", str(directory / "earlier.csv"))
    cli(binary, env, "lan", "case", "assign", "HN-OSSO-2026-00001", "--to", "thuy")
    (directory / "earlier.csv").unlink()
    # A referral waiting for central review: the trafficked woman's trauma care, with a cover note.
    cli(binary, env, "quantri", "user", "add", "trunguong", "--role", "central", "--recovery-key-file", key,
        new_passphrase=PASSPHRASES["trunguong"])
    cli(binary, env, "lan", "consent", "give", "HN-OSSO-2026-00002", "--purpose", "referral", "--agency-kind", "ngo")
    cli(binary, env, "lan", "referral", "create", "HN-OSSO-2026-00002", "--agency", "vn-ngo-bluedragon", "--service", "psychosocial",
        "--fields-from", "-", stdin=f"note: {COVER_NOTE}\n")
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, env, directory):
    port = free_port()
    log = open(directory / "server.log", "w", encoding="utf-8")
    server = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=vi"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def submit(driver, selector):
    """Clicks a form's button and waits until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()

    def replaced(_):
        # Asking the old page anything fails once it is gone: Chromium says so either as a
        # stale element or, while the new page loads, as a node outside the document.
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 20).until(replaced)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def log_in(driver, base, user):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "user").send_keys(user)
    driver.find_element(By.NAME, "passphrase").send_keys(PASSPHRASES[user])
    submit(driver, "form[action='/login'] button")


def log_out(driver):
    submit(driver, "form[action='/logout'] button")


def shoot(driver, directory, name):
    """The whole page, top to bottom, for the README."""
    if directory:
        directory.mkdir(parents=True, exist_ok=True)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1280, min(max(height + 40, 800), 3000))
        driver.execute_script("window.scrollTo(0, 0)")
        driver.save_screenshot(str(directory / name))
        driver.set_window_size(1280, 1000)


def scenario(driver, base, shots):
    log_in(driver, base, "thuy")
    check(driver.current_url == base + "/", "the counsellor lands on her dashboard")
    check("Hồ sơ tôi phụ trách" in driver.page_source, "the dashboard shows her cases")
    shoot(driver, shots, "dashboard.png")

    driver.get(base + "/cases/new")
    Select(driver.find_element(By.NAME, "programme")).select_by_value("returnee")
    Select(driver.find_element(By.NAME, "risk")).select_by_value("high")
    driver.find_element(By.NAME, "origin-province").send_keys("hai phong")
    driver.find_element(By.NAME, "destination").send_keys("Hàn Quốc")
    Select(driver.find_element(By.NAME, "migration")).select_by_value("marriage")
    for need in ("divorce-recognition", "child-birth-registration"):
        driver.find_element(By.CSS_SELECTOR, f"input[name='need'][value='{need}']").click()
    driver.find_element(By.NAME, "name").send_keys(NAME)
    phones = driver.find_elements(By.NAME, "phone")
    for box, phone in zip(phones, PHONES):
        box.send_keys(phone)
    driver.find_element(By.NAME, "note").send_keys("Về nước tháng 9, có một con 3 tuổi sinh ở Hàn Quốc.")
    shoot(driver, shots, "open-case.png")
    submit(driver, "form[action='/cases'] button[type=submit]")
    check("/cases/HN-OSSO-2026-" in driver.current_url, "opening the case lands on its page")
    case_url = driver.current_url.split("?")[0]
    case_id = case_url.rsplit("/", 1)[1]
    page = driver.page_source
    for shown in [NAME, *PHONES, "Hải Phòng", "Hàn Quốc", "Cao", "Mới mở", "Di cư kết hôn",
                  "Công nhận việc ly hôn ở nước ngoài (ghi chú ly hôn)", "Đăng ký khai sinh cho con"]:
        check(shown in page, f"the case page shows {shown!r} (labels, not codes)")
    shoot(driver, shots, "case.png")

    driver.get(base + "/find")
    driver.find_element(By.NAME, "name").send_keys(SEARCH)
    submit(driver, "form[action='/find'] button")
    check(case_id in driver.page_source and NAME in driver.page_source, "found by name without diacritics, in another order")
    check(SEARCH not in driver.current_url, "the search term is in no URL")

    driver.get(case_url)
    driver.find_element(By.NAME, "text").send_keys(NOTE)
    submit(driver, "form[action$='/notes'] button")
    check(NOTE in driver.page_source, "the note shows on the case page")

    casework(driver, case_url, case_id, shots)

    cookie = driver.get_cookie("caunoi")
    check(cookie is not None and cookie.get("httpOnly") and cookie.get("sameSite") == "Strict", "the session cookie is HttpOnly and SameSite=Strict")
    log_out(driver)
    check(driver.current_url.endswith("/login"), "logout lands on the login page")
    driver.add_cookie({"name": "caunoi", "value": cookie["value"], "path": "/"})
    driver.get(case_url)
    check(driver.current_url.endswith("/login") and NAME not in driver.page_source, "the old cookie no longer works")

    log_in(driver, base, "mai")
    driver.get(case_url)
    check("Không được phép" in driver.page_source, "a manager of another centre is refused")
    check(NAME not in driver.page_source and PHONES[0] not in driver.page_source, "the refusal shows nothing of the record")
    log_out(driver)
    review(driver, base, shots)
    return case_id


def review(driver, base, shots):
    """A central officer's queue (issue 16): why the referral is reviewed, the cover note, a return with a reason."""
    log_in(driver, base, "trunguong")
    driver.find_element(By.CSS_SELECTOR, "nav a[href='/review']").click()
    check("HN-OSSO-2026-00002-R1" in driver.page_source and "Hồ sơ nguy cơ cao" in driver.page_source,
          "the review queue says which referral waits and why")
    check(COVER_NOTE in driver.page_source, "the counsellor's cover note reaches the officer")
    shoot(driver, shots, "review.png")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/return'] textarea[name='note']").send_keys(RETURN_REASON)
    submit(driver, "form[action$='/return'] button")
    check("Đã trả lại trung tâm kèm lý do." in driver.page_source and "HN-OSSO-2026-00002-R1" not in driver.page_source,
          "returned, it leaves the queue")
    log_out(driver)


def open_form(driver, action):
    """Opens the folded section (<details>) that holds the form posting to `action`."""
    driver.find_element(By.XPATH, f"//form[contains(@action, '{action}')]/ancestor::details/summary").click()


def casework(driver, case_url, case_id, shots):
    """A week's work on her case (issue 15): a contact, her son, a scan of the divorce judgment,
    a follow-up that then shows on the dashboard, and a closure that needs a manager."""
    driver.get(case_url)
    open_form(driver, "/contacts")
    Select(driver.find_element(By.CSS_SELECTOR, "form[action$='/contacts'] select[name='kind']")).select_by_value("home-visit")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/contacts'] [name='minutes']").send_keys("45")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/contacts'] [name='summary']").send_keys(CONTACT)
    submit(driver, "form[action$='/contacts'] button")
    check(CONTACT in driver.page_source and "Thăm tại nhà" in driver.page_source, "the contact shows on the case page")

    open_form(driver, "/children")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/children'] [name='name']").send_keys(CHILD)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/children'] [name='birth-country']").send_keys("Hàn Quốc")
    Select(driver.find_element(By.CSS_SELECTOR, "form[action$='/children'] select[name='registration']")).select_by_value("not-registered")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/children'] input[name='need'][value='child-birth-registration']").click()
    submit(driver, "form[action$='/children'] button")
    check(CHILD in driver.page_source and "Chưa đăng ký khai sinh tại Việt Nam" in driver.page_source, "her son shows with his registration status")

    with tempfile.TemporaryDirectory(prefix="caunoi-upload-") as folder:
        scan = Path(folder) / SCAN_NAME
        scan.write_text(SCAN, encoding="utf-8")
        open_form(driver, "/attachments")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/attachments'] input[type='file']").send_keys(str(scan))
        Select(driver.find_element(By.CSS_SELECTOR, "form[action$='/attachments'] select[name='document']")).select_by_value("foreign-divorce-judgment")
        submit(driver, "form[action$='/attachments'] button")
    check(SCAN_NAME in driver.page_source and "Tệp đính kèm" in driver.page_source, "the scan is listed, by the name it was uploaded with")

    # A safety assessment: every question answered, one danger sign that on its own means high.
    safety = "form[action$='/assessments']:has(input[name='assessment'][value='safety'])"
    driver.find_element(By.CSS_SELECTOR, f"{safety}").find_element(By.XPATH, "./ancestor::details/summary").click()
    for radio in driver.find_elements(By.CSS_SELECTOR, f"{safety} input[type='radio'][value='no']"):
        radio.click()
    driver.find_element(By.CSS_SELECTOR, f"{safety} input[name='q-weapon'][value='yes']").click()
    driver.find_element(By.CSS_SELECTOR, f"{safety} [name='note']").send_keys(ASSESSMENT_NOTE)
    submit(driver, f"{safety} button")
    check("Đã ghi kết quả đánh giá." in driver.page_source and "Đánh giá an toàn và rủi ro: Cao" in driver.page_source,
          "a safety assessment suggests high and is recorded")
    check(ASSESSMENT_NOTE in driver.page_source, "the assessment's note shows on the case page")

    open_form(driver, "/followups")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/followups'] [name='reason']").send_keys(FOLLOW_UP)
    submit(driver, "form[action$='/followups'] button")
    check(FOLLOW_UP in driver.page_source, "the follow-up shows on the case page")
    check("Đề nghị quản lý duyệt đóng hồ sơ" in driver.page_source, "closing this high-risk case asks a manager")
    shoot(driver, shots, "casework.png")

    driver.get(case_url.rsplit("/cases/", 1)[0] + "/")
    check("Việc đến hạn hôm nay và quá hạn" in driver.page_source and case_id in driver.page_source, "the dashboard shows the follow-up due")
    check(FOLLOW_UP not in driver.page_source, "the dashboard shows no sealed text")


def leaks(directory):
    typed = [NAME, *PHONES, NOTE, SEARCH, "Bích Ngọc", "0912345678", CONTACT, CHILD, FOLLOW_UP, SCAN_NAME, SCAN, "Toà án gia đình",
             ASSESSMENT_NOTE, COVER_NOTE, RETURN_REASON]
    found = []
    log = (directory / "server.log").read_text(encoding="utf-8", errors="replace")
    found += [f"server log: {value!r}" for value in typed if value in log]
    for file in directory.glob("browser.db*"):
        data = file.read_bytes()
        found += [f"{file.name}: {value!r}" for value in typed if value.encode("utf-8") in data]
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--screenshots", default=None)
    args = parser.parse_args()
    shots = Path(args.screenshots) if args.screenshots else None
    with tempfile.TemporaryDirectory(prefix="caunoi-browser-") as temp:
        directory = Path(temp)
        env = set_up(args.bin, directory)
        server, base = start_server(args.bin, env, directory)
        driver = None
        try:
            driver = browser()
            scenario(driver, base, shots)
        except Exception:
            traceback.print_exc()
            if driver is not None:
                failures = ROOT / ".build" / "browser-failures"
                failures.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(failures / "failure.png"))
                print(f"screenshot: {failures / 'failure.png'}", file=sys.stderr)
            print(f"browser tests: FAILED after {len(CHECKS)} checks", file=sys.stderr)
            return 1
        finally:
            if driver is not None:
                driver.quit()
            server.terminate()
            server.wait(timeout=30)
        found = leaks(directory)
        if found:
            print("browser tests: typed personal values found in the clear: " + "; ".join(found), file=sys.stderr)
            return 1
        print(f"browser tests: {len(CHECKS) + 1} checks passed (the log and database hold no typed value in the clear)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
