// A stand-in for one council's Microsoft tenant in the tests: npm's oidc-provider, offline.
// Its development login form takes any "login" (an e-mail address) and any password; the ID
// token carries `email` and `tid` as Entra's does (conformIdTokenClaims: false), and no
// `email_verified`. PKCE is required. Started by tests/oidc_tenants.py:
//   node tenant.mjs PORT CLIENT_ID CLIENT_SECRET TENANT_ID [CLOCK_BEHIND_SECONDS]
// CLOCK_BEHIND_SECONDS makes the tenant's clock run late, so the ID tokens it issues have
// already expired when the tracker reads them.
import Provider from "oidc-provider";

const [port, clientId, clientSecret, tenantId, behind = "0"] = process.argv.slice(2);
const lateBy = Number(behind) * 1000;
if (lateBy) {
  const realNow = Date.now;
  Date.now = () => realNow() - lateBy;
}

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: ["http://127.0.0.1/sign-in/council/callback/"],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  conformIdTokenClaims: false,
  claims: {
    openid: ["sub", "tid"],
    email: ["email"],
    profile: ["name", "given_name", "family_name"],
  },
  ttl: { IdToken: 60, AccessToken: 60, AuthorizationCode: 60 },
  async findAccount(ctx, id) {
    const local = id.split("@")[0];
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          tid: tenantId,
          email: id,
          name: local,
          given_name: local.split(".")[0] || local,
          family_name: "Tester",
        };
      },
    };
  },
});

// Entra checks the redirect URI exactly; here any of the tracker's callbacks on this machine
// (the test client's, or a test server's on any port) is let through.
const callback = /^http:\/\/(testserver|127\.0\.0\.1:\d+|localhost:\d+)\/sign-in\/council\/[a-z0-9-]+\/callback\/$/;
provider.Client.prototype.redirectUriAllowed = (uri) => callback.test(uri);

provider.listen(Number(port), "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
