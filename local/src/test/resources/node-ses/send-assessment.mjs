// A Lambda handler written the way the workshop's Node.js lambdas are: SES v1 through the AWS SDK
// for JavaScript v3. Nothing here knows about the local runtime; AWS_ENDPOINT_URL points it there.
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";

const ses = new SESClient({});

export const handler = async (event) => {
  const { toEmail, fromEmail, companyName } = event;
  const result = await ses.send(new SendEmailCommand({
    Source: fromEmail,
    Destination: { ToAddresses: [toEmail] },
    Message: {
      Subject: { Data: `Your assessment from ${companyName}`, Charset: "UTF-8" },
      Body: {
        Text: { Data: `Hello, ${companyName} invites you to take an assessment.`, Charset: "UTF-8" },
        Html: { Data: `<p>Hello, <b>${companyName}</b> invites you to take an assessment.</p>`, Charset: "UTF-8" },
      },
    },
  }));
  return { statusCode: 200, body: JSON.stringify({ messageId: result.MessageId }) };
};
