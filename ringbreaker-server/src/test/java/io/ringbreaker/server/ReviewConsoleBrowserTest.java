package io.ringbreaker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringbreaker.model.BankEntry;
import io.ringbreaker.model.HashType;
import io.ringbreaker.model.contract.ContractJson;
import io.ringbreaker.server.auth.PasswordHasher;
import io.ringbreaker.server.webhook.Receiver;
import io.ringbreaker.server.webhook.WebhookConfig;
import io.ringbreaker.store.AuditEntry;
import io.ringbreaker.store.Role;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewer's day in a real browser (Debian's chromium, driven by Playwright): sign in, open the
 * queue, take the case, see the media blurred, reveal it, decide; the platform receives the action,
 * and the audit log holds the reveal and the decision. Skipped without chromium, except in CI.
 */
class ReviewConsoleBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String PASSWORD = Served.PASSWORD;

  @TempDir Path dir;

  @Test
  void aCaseGoesFromQueueToDecisionToWebhookToAudit() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    assumeTrue(ci || Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install chromium); skipped");
    byte[] secret = "browser-test-secret-browser-test".getBytes(StandardCharsets.US_ASCII);
    byte[] png = picture();
    try (Receiver platform = Receiver.always(200);
         Served s = Served.start(Served.Vendor.SQLITE, dir, c -> c.withWebhook(WebhookConfig.of(platform.url(), secret)
             .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))))) {
      s.store.users().create("rev.one", Role.REVIEWER, PasswordHasher.hash(PASSWORD.toCharArray()));
      s.store.users().create("lead.admin", Role.ADMIN, PasswordHasher.hash(PASSWORD.toCharArray()));
      // A known image (its MD5 is in a bank), posted inline: the post and its author are critical.
      s.store.lists().upsertBankEntries(List.of(BankEntry.of("known", HashType.MD5, md5(png), "synthetic-shape")));
      s.pipeline.syncBanks();
      ObjectNode post = ContractJson.mapper().createObjectNode();
      post.put("event_id", "e1").put("type", "post").put("occurred_at", "2019-01-02T09:00:00Z").put("actor", "u40");
      ObjectNode body = post.putObject("post").put("id", "p1").put("text", "new set #dropboxlinks dm me");
      body.putArray("media").addObject().put("id", "m1").put("mime", "image/png")
          .put("data_base64", java.util.Base64.getEncoder().encodeToString(png));
      assertThat(s.postEvents("[" + ContractJson.write(post) + "]").statusCode()).isEqualTo(200);
      assertThat(waitFor(() -> !s.store.cases().list(new io.ringbreaker.store.CaseQuery(java.util.Optional.empty(),
          java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), 10)).items().isEmpty()))
          .as("a case is open").isTrue();

      String base = s.server.url().replaceAll("/+$", "");
      try (Playwright pw = Playwright.create();
           Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
               .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-first-run")))) {
        Page page = browser.newPage();
        page.navigate(base + "/console");
        assertThat(page.url()).contains("/login");
        page.fill("input[name=name]", "rev.one");
        page.fill("input[name=password]", PASSWORD);
        page.click("button[type=submit]");
        page.navigate(base + "/console");
        assertThat(page.textContent("h1")).isEqualTo("Review queues");
        assertThat(page.content()).contains("child-safety");

        page.click("form[action='/console/queues/child-safety/next'] button");
        assertThat(page.url()).contains("/console/cases/");
        assertThat(page.textContent("h1")).contains("account:u40").contains("critical");
        assertThat(page.locator("mark").first().textContent()).isEqualTo("#dropboxlinks");
        String src = page.getAttribute("img.media", "src");
        assertThat(src).endsWith("/preview");
        byte[] preview = page.request().get(base + src).body();
        assertThat(isGrey(ImageIO.read(new java.io.ByteArrayInputStream(preview)))).isTrue();
        assertThat(page.request().get(base + src.replace("/preview", "/original")).status())
            .as("the original is refused until revealed").isEqualTo(403);

        assertThat(((Number) page.evaluate("() => document.querySelector('img.media').naturalWidth")).intValue())
            .as("the blur is drawn under the page's Content-Security-Policy").isGreaterThan(0);
        String eventLink = page.getAttribute("a[href^='/console/events/']", "href");

        page.click("text=Reveal this item");
        assertThat(page.getAttribute("img.media", "src")).endsWith("/original");
        assertThat(page.request().get(base + page.getAttribute("img.media", "src")).status()).isEqualTo(200);

        page.check("input[name=decision][value=confirm]");
        page.selectOption("select[name=category]", "csam.known");
        page.fill("textarea[name=reason]", "known image, placeholder reason");
        page.click("text=Record the decision");
        assertThat(page.textContent("p.ok")).contains("confirm recorded");

        // Confirming approved the consequential actions that waited for a person; the platform got them.
        assertThat(waitFor(() -> platform.received().stream().anyMatch(r -> json(r.body()).contains("\"suspend\""))))
            .as("suspend delivered to the platform").isTrue();

        // Where the signal came from, one click away; the reviewer's own settings, saved.
        page.navigate(base + eventLink);
        assertThat(page.textContent("body")).contains("new set #dropboxlinks dm me");
        page.navigate(base + "/console/settings");
        page.fill("input[name=break_minutes]", "25");
        page.click("text=Save");
        assertThat(page.textContent("p.ok")).isEqualTo("Saved.");
        assertThat(s.store.users().find("rev.one").orElseThrow().settings().breakMinutes()).isEqualTo(25);

        List<AuditEntry> audit = s.store.audit().list(java.util.Optional.of("rev.one"), java.util.Optional.empty(),
            java.util.Optional.empty(), java.util.Optional.empty(), 50).items();
        assertThat(audit).extracting(AuditEntry::action).contains("media.reveal", "case.decide", "case.view");

        // An admin sees the entries in the audit log page.
        Page admin = browser.newContext().newPage();
        admin.navigate(base + "/login");
        admin.fill("input[name=name]", "lead.admin");
        admin.fill("input[name=password]", PASSWORD);
        admin.click("button[type=submit]");
        admin.navigate(base + "/admin/audit?actor=rev.one");
        assertThat(admin.content()).contains("case.decide").contains("media.reveal");
        assertThat(s.store.audit().verify().ok()).isTrue();
      }
    }
  }

  private static String json(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A synthetic picture: coloured shapes. */
  static byte[] picture() throws Exception {
    BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(30, 120, 200));
    g.fillRect(0, 0, 320, 240);
    g.setColor(new Color(230, 80, 40));
    g.fillOval(60, 40, 180, 150);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static boolean isGrey(BufferedImage img) {
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int gr = (rgb >> 8) & 255;
        int b = rgb & 255;
        if (Math.abs(r - gr) > 2 || Math.abs(gr - b) > 2) {
          return false;
        }
      }
    }
    return true;
  }

  static String md5(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
  }

  static boolean waitFor(BooleanSupplier c) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      if (c.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
