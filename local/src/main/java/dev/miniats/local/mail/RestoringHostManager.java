package dev.miniats.local.mail;

import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.Store;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;

import java.util.Collection;
import java.util.List;

/**
 * GreenMail's mailboxes as the IMAP server sees them: every operation on a user's folders first
 * has {@link MailboxRestore} put back that user's stored mails (once per process), so a client's
 * first LIST, SELECT or STATUS already finds them. Thread-safe as the delegate is.
 */
final class RestoringHostManager implements ImapHostManager {
    private final ImapHostManager delegate;
    private final MailboxRestore restore;

    RestoringHostManager(ImapHostManager delegate, MailboxRestore restore) {
        this.delegate = delegate;
        this.restore = restore;
    }

    private GreenMailUser restored(GreenMailUser user) {
        restore.ensure(user.getEmail());
        return user;
    }

    @Override
    public List<StoredMessage> getAllMessages() {
        return delegate.getAllMessages();
    }

    @Override
    public char getHierarchyDelimiter() {
        return delegate.getHierarchyDelimiter();
    }

    @Override
    public MailFolder getFolder(GreenMailUser user, String mailboxName) {
        return delegate.getFolder(restored(user), mailboxName);
    }

    @Override
    public MailFolder getFolder(GreenMailUser user, String mailboxName, boolean mustExist) throws FolderException {
        return delegate.getFolder(restored(user), mailboxName, mustExist);
    }

    @Override
    public MailFolder getInbox(GreenMailUser user) throws FolderException {
        return delegate.getInbox(restored(user));
    }

    @Override
    public void createPrivateMailAccount(GreenMailUser user) throws FolderException {
        delegate.createPrivateMailAccount(user);
    }

    @Override
    public void deletePrivateMailAccount(GreenMailUser user) {
        delegate.deletePrivateMailAccount(user);
    }

    @Override
    public MailFolder createMailbox(GreenMailUser user, String mailboxName) throws AuthorizationException, FolderException {
        return delegate.createMailbox(restored(user), mailboxName);
    }

    @Override
    public void deleteMailbox(GreenMailUser user, String mailboxName) throws FolderException, AuthorizationException {
        delegate.deleteMailbox(restored(user), mailboxName);
    }

    @Override
    public void renameMailbox(GreenMailUser user, String oldMailboxName, String newMailboxName)
            throws FolderException, AuthorizationException {
        delegate.renameMailbox(restored(user), oldMailboxName, newMailboxName);
    }

    @Override
    public Collection<MailFolder> listMailboxes(GreenMailUser user, String mailboxPattern) throws FolderException {
        return delegate.listMailboxes(restored(user), mailboxPattern);
    }

    @Override
    public Collection<MailFolder> listSubscribedMailboxes(GreenMailUser user, String mailboxPattern) throws FolderException {
        return delegate.listSubscribedMailboxes(restored(user), mailboxPattern);
    }

    @Override
    public void subscribe(GreenMailUser user, String mailbox) throws FolderException {
        delegate.subscribe(restored(user), mailbox);
    }

    @Override
    public void unsubscribe(GreenMailUser user, String mailbox) throws FolderException {
        delegate.unsubscribe(restored(user), mailbox);
    }

    @Override
    public Store getStore() {
        return delegate.getStore();
    }
}
