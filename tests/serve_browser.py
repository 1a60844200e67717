#!/usr/bin/env python3
# serve_browser.py URL SAMPLE_DIR SCORES_XLSX OUT_DIR — the page in a real
# browser (Debian's chromium through chromedriver): fill Báo cáo mới from the
# sample's report.json, upload the XLSX, see Kiểm tra, print, see Kết quả and
# download the PDF into OUT_DIR; screenshots OUT_DIR/1-moi.png, 2-kiem-tra.png,
# 3-ket-qua.png; with the notices, their ZIP too; then files them into the
# server's --archive-to (4-luu-tru.png). Prints what the shell test asserts; exits non-zero on a
# missing element or a download that does not come (bounded waits).
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common import utils
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

url, sample, xlsx, out = sys.argv[1:5]
report = json.load(open(os.path.join(sample, "report.json"), encoding="utf-8"))



# Everything on 127.0.0.1, never "localhost": a fresh minimal Debian may have
# no /etc/hosts, and both selenium (to chromedriver) and chromedriver (to the
# browser's DevTools) would look the name up. So the browser is started here,
# bound to 127.0.0.1, and chromedriver attaches to it by address.
class LoopbackService(Service):
    def is_connectable(self):
        return utils.is_connectable(self.port, "127.0.0.1")

    @property
    def service_url(self):
        return f"http://127.0.0.1:{self.port}"


profile = tempfile.mkdtemp()
browser = subprocess.Popen(["/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                            "--window-size=1200,1800", "--lang=vi", "--remote-debugging-address=127.0.0.1",
                            "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
active = os.path.join(profile, "DevToolsActivePort")
for _ in range(600):
    if os.path.exists(active) and open(active).read().strip():
        break
    time.sleep(0.1)
else:
    browser.kill()
    sys.exit("chromium did not open its DevTools port")
opts = webdriver.ChromeOptions()
opts.debugger_address = "127.0.0.1:" + open(active).read().split()[0]
driver = webdriver.Chrome(service=LoopbackService("/usr/bin/chromedriver"), options=opts)
driver.set_page_load_timeout(120)
driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": out})


def submit(button_id):
    """Clicks a form's button and waits for the next page: the old one gone
    (else its elements may be read, or go stale, while the next loads)."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, button_id).click()
    WebDriverWait(driver, 240).until(expected_conditions.staleness_of(old))


def fill(name, value):
    e = driver.find_element(By.NAME, name)
    e.clear()
    e.send_keys(value)


try:
    driver.get(url + "/")
    Select(driver.find_element(By.NAME, "template")).select_by_value(report["template"])
    Select(driver.find_element(By.NAME, "scheme")).select_by_value(report["scheme"])
    driver.find_element(By.NAME, "scores").send_keys(xlsx)
    doc, agency, signer = report["document"], report["agency"], report["signer"]
    fill("month", str(report["period"]["month"]))
    fill("year", str(report["period"]["year"]))
    fill("agency_lines", "\n".join(agency["lines"]))
    fill("agency_name", agency["name"])
    fill("agency_full_name", agency["full_name"])
    fill("locality", agency["locality"])
    fill("number", doc["number"])
    fill("notation", doc["notation"])
    fill("place", doc["place"])
    # a date input takes the digits in the browser's locale order; set it directly
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.NAME, "date"), doc["date"])
    fill("subject", doc["subject"])
    fill("recipients", "\n".join(report["recipients"]))
    fill("sections", "\n".join(" | ".join([s["id"], s["title"], s["unit_noun"], s.get("heading", "")])
                               for s in report["sections"]))
    fill("signer_authority", "\n".join(signer["authority"]))
    fill("signer_name", signer["name"])
    fill("signer_position", signer["position"])
    notices = report["notices"]
    box = driver.find_element(By.NAME, "notices")
    if not box.is_selected():
        box.click()
    Select(driver.find_element(By.NAME, "ntemplate")).select_by_value(notices["template"])
    fill("nsubject", notices["subject"])
    fill("nnotation", notices["notation"])
    driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.NAME, "ndate"),
                          notices["date"])
    fill("nrecipients", "\n".join(notices["recipients"]))
    fill("hook-bo-sung-yeu-cau", "Chủ tịch UBND huyện yêu cầu các xã hoàn thành việc khắc phục trước ngày 25/8/2023.")
    driver.save_screenshot(os.path.join(out, "1-moi.png"))
    submit("kiem-tra")

    # Kiểm tra
    print("check-title:", driver.find_element(By.TAG_NAME, "h1").text)
    rows = driver.find_elements(By.CSS_SELECTOR, "#bang tbody tr")
    print("check-rows:", len(rows))
    print("check-first:", rows[0].text if rows else "")
    for li in driver.find_elements(By.CSS_SELECTOR, "li"):
        print("finding:", li.text)
    driver.save_screenshot(os.path.join(out, "2-kiem-tra.png"))
    submit("in-bao-cao")

    # Kết quả
    print("result-title:", driver.find_element(By.TAG_NAME, "h1").text)
    print("result-frame:", driver.find_element(By.TAG_NAME, "iframe").get_attribute("src"))
    time.sleep(5)   # the browser's PDF viewer draws the first page
    driver.save_screenshot(os.path.join(out, "3-ket-qua.png"))
    for link, ext in (("tai-ve", ".pdf"), ("tai-zip", ".zip")):
        driver.find_element(By.ID, link).click()
        for _ in range(600):
            done = [f for f in os.listdir(out) if f.endswith(ext)]
            if done:
                print("downloaded:", done[0])
                break
            time.sleep(0.1)
        else:
            sys.exit("no download of the " + ext)
    # Kết quả → the document management system, once
    submit("luu-tru")
    print("archived-title:", driver.find_element(By.TAG_NAME, "h1").text)
    for p in driver.find_elements(By.CSS_SELECTOR, "p.loi"):
        print("archived-error:", p.text)
    driver.save_screenshot(os.path.join(out, "4-luu-tru.png"))
    driver.get(url + "/reports")
    print("list:", driver.find_element(By.CSS_SELECTOR, "tbody tr").text)
finally:
    driver.quit()
    browser.terminate()
    browser.wait()
    shutil.rmtree(profile, ignore_errors=True)
