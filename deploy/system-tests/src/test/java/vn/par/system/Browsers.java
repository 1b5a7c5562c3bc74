package vn.par.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the operating system (Debian's {@code chromium} and {@code chromium-driver}); nothing is
 * downloaded. Without them the browser tests are skipped with a message, unless the environment variable
 * {@code PAR_BROWSER_TESTS=required} is set (CI sets it after installing them), in which case they fail.
 */
public final class Browsers {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browsers() {
    }

    public static WebDriver open() {
        Path chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        boolean required = "required".equals(System.getenv("PAR_BROWSER_TESTS"));
        if (chromium == null || driver == null) {
            String message = "Chromium or chromedriver is not installed (Debian: apt-get install chromium chromium-driver)";
            if (required) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message + ": browser tests skipped");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--lang=vi-VN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return browser;
    }

    /** Fills Keycloak's login form if the browser is on it (a first visit), and waits to leave it. */
    public static void signInIfAsked(WebDriver browser, String user, String password) {
        if (browser.findElements(By.id("kc-login")).isEmpty()) {
            return;
        }
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.invisibilityOfElementLocated(By.id("kc-login")));
    }

    /** Waits for {@code condition}; on a timeout saves a screenshot and says where the browser was. */
    public static <T> T await(WebDriver browser, java.util.function.Function<WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-");
            screenshot(browser, name);
            String source = browser.getPageSource();
            throw new AssertionError(what + " did not happen within 20 s; the browser is at " + browser.getCurrentUrl()
                    + " (screenshot " + name + ".png); page starts: "
                    + source.substring(0, Math.min(1500, source.length())), e);
        }
    }

    public static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name + ": " + e.getMessage(), e);
        }
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
